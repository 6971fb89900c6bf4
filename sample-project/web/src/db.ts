export const db = {
  async query(sql: string): Promise<unknown[]> {
    return [sql];
  },
  async execute(sql: string): Promise<void> {
    void sql;
  },
};
