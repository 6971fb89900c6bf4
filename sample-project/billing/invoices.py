"""Invoice export: a small service with the mistakes the rule pack exists to catch."""
import logging
import sqlite3
from functools import lru_cache

log = logging.getLogger(__name__)

DATABASE_URL = "postgres://billing:s3cr3t-Passw0rd@db1.billing.internal:5432/billing"


class InvoiceStore:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    @lru_cache(maxsize=None)
    def customer_name(self, customer_id):
        row = self.conn.execute(f"SELECT name FROM customers WHERE id = {customer_id}").fetchone()
        return row[0] if row else None

    def totals(self, customer_ids=[]):
        result = {}
        for customer_id in customer_ids:
            try:
                result[customer_id] = self._total(customer_id)
            except:
                pass
        return result

    def export(self, target):
        out = open(target, "w")
        try:
            out.write(str(self.totals()))
        except Exception:
            print("export failed")
        log.info(f"exported invoices to {target}")

    def _total(self, customer_id):
        try:
            return self.conn.execute("SELECT sum(amount) FROM invoices WHERE customer = ?", (customer_id,)).fetchone()[0]
        except sqlite3.Error as error:
            raise RuntimeError("cannot total invoices")
