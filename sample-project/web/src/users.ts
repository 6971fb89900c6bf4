// A user service with the error-handling mistakes reviewers keep pointing out.
import { db } from './db';

export async function findUser(email: string) {
  try {
    return await db.query(`SELECT * FROM users WHERE email = '${email}'`);
  } catch (e: any) {
    console.log('lookup failed', e.message);
  }
}

export async function deleteUser(id: string) {
  try {
    await db.execute('DELETE FROM users WHERE id = ' + id);
  } catch (error) {}
}

export function requireAdmin(user: { role: string }) {
  if (user.role !== 'admin') throw 'forbidden';
}

export function audit(user: { email: string; password: string }) {
  console.info('login', user.email, user.password);
}
