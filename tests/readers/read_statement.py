"""Reads a Seller Desk statement back with independent readers and prints what it found as JSON.

    read_statement.py xlsx FILE       openpyxl: sheets, summary, column sums, formats
    read_statement.py csv FILE SEP    Python's csv module: the entries between the balance rows

Amounts are printed as decimal strings with two places, so the Rust side compares them exactly.
"""
import csv
import datetime
import json
import sys
from decimal import Decimal


def money(value):
    if value is None or value == "":
        return Decimal("0.00")
    return Decimal(str(value)).quantize(Decimal("0.01"))


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    summary, lines, by_outlet, by_clause = book.worksheets
    labels = {}
    for row in summary.iter_rows(min_row=8, max_row=14, max_col=2, values_only=True):
        labels[len(labels)] = money(row[1])
    keys = ["opening", "charged", "cancelled", "paid", "offset", "closing", "disputed"]
    out = {"sheets": book.sheetnames, "summary": {k: str(labels[i]) for i, k in enumerate(keys)}}
    sums = {k: Decimal("0.00") for k in ["charged", "cancelled", "paid", "offset"]}
    count, last_balance, dates_ok = 0, None, True
    for row in lines.iter_rows(min_row=2, values_only=True):
        count += 1
        dates_ok = dates_ok and isinstance(row[0], datetime.datetime)
        for i, k in enumerate(["charged", "cancelled", "paid", "offset"]):
            sums[k] += money(row[6 + i])
        last_balance = money(row[10])
    out["lines"] = {
        "count": count,
        "sums": {k: str(v) for k, v in sums.items()},
        "last_balance": str(last_balance) if last_balance is not None else None,
        "dates_are_dates": dates_ok,
        "header": [c.value for c in lines[1]],
        "freeze": lines.freeze_panes,
        "autofilter": lines.auto_filter.ref,
        "money_format": lines["G2"].number_format if count else None,
        "date_format": lines["A2"].number_format if count else None,
    }
    for name, sheet in [("by_outlet", by_outlet), ("by_clause", by_clause)]:
        rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] is not None]
        body, total = rows[:-1], rows[-1]
        out[name] = {
            "rows": len(body),
            "closing_sum": str(sum((money(r[6]) for r in body), Decimal("0.00"))),
            "total": [str(money(v)) for v in total[1:7]],
            "freeze": sheet.freeze_panes,
        }
    return out


def read_csv(path, sep):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=sep))
    header, opening, body, closing = rows[0], rows[1], rows[2:-1], rows[-1]

    def num(text):
        return money(text.replace(",", ".")) if sep == ";" else money(text)

    sums = {k: Decimal("0.00") for k in ["charged", "cancelled", "paid", "offset"]}
    for r in body:
        for i, k in enumerate(sums):
            sums[k] += num(r[6 + i])
    return {
        "header": header,
        "columns": sorted({len(r) for r in rows}),
        "opening": str(num(opening[10])),
        "closing": str(num(closing[10])),
        "sums": {k: str(v) for k, v in sums.items()},
        "entries": len(body),
        "first_date": body[0][0] if body else None,
        "outlets": sorted({r[2] for r in body}),
    }


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    result = read_xlsx(path) if kind == "xlsx" else read_csv(path, sys.argv[3])
    json.dump(result, sys.stdout, ensure_ascii=False)
