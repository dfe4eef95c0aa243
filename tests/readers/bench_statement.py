"""The yardsticks of the statement benchmark: openpyxl writing the same rows (typed cells, money
and date formats, frozen header, autofilter) and reportlab drawing the same table (A4 landscape,
DejaVu embedded, header row on every page, page numbers). Prints the seconds each took.

    bench_statement.py ROWS.tsv OUT_DIR DejaVuSans.ttf
"""
import datetime
import sys
import time
from decimal import Decimal


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            rows.append(c)
    return rows


HEADER = ["Күні", "Хабарлама №", "Сауда нүктесі", "Тармақ", "Бұзушылық", "Операция",
          "Есептелді", "Жойылды", "Аударыммен төленді", "Төлемнен ұсталды", "Қалдық", "Құжат"]


def openpyxl_write(rows, out):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    start = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Операциялар")
    sheet.freeze_panes = "A2"
    sheet.append(HEADER)
    for c in rows:
        cells = []
        d = WriteOnlyCell(sheet, value=datetime.date.fromisoformat(c[0]))
        d.number_format = "dd.mm.yyyy"
        cells.append(d)
        cells.extend(c[1:6])
        for v in c[6:11]:
            if v:
                m = WriteOnlyCell(sheet, value=float(Decimal(v)))
                m.number_format = '#,##0.00\\ "₸"'
                cells.append(m)
            else:
                cells.append(None)
        cells.append(c[11])
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:L{len(rows) + 1}"
    book.save(out)
    return time.perf_counter() - start


def reportlab_draw(rows, out, font):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    start = time.perf_counter()
    pdfmetrics.registerFont(TTFont("DejaVu", font))
    width, height = landscape(A4)
    c = canvas.Canvas(out, pagesize=(width, height))
    cols = [19, 28, 34, 15, 33, 24, 24, 24, 24, 26, 22]
    right = [False, False, False, False, False, True, True, True, True, True, False]
    row_h = 7.5 * 1.45 * 0.3528 * mm
    margin = 12 * mm
    pages = (len(rows) // int((height - 2 * margin) / row_h - 2)) + 1

    def header(y):
        c.setFont("DejaVu", 7.5)
        x = margin
        for title, w in zip(HEADER[:5] + HEADER[6:], cols):
            c.drawString(x, y, title)
            x += w * mm
        return y - row_h

    page = 1
    y = header(height - margin - row_h)
    for r in rows:
        if y < margin:
            c.setFont("DejaVu", 8)
            c.drawRightString(width - margin, margin / 2, f"{page} / {pages}")
            c.showPage()
            page += 1
            y = header(height - margin - row_h)
        cells = [r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8], r[9], r[10], r[11]]
        x = margin
        for text, w, is_right in zip(cells, cols, right):
            if is_right:
                c.drawRightString(x + (w - 3) * mm, y, text)
            else:
                c.drawString(x, y, text)
            x += w * mm
        y -= row_h
    c.drawRightString(width - margin, margin / 2, f"{page} / {pages}")
    c.save()
    return time.perf_counter() - start


if __name__ == "__main__":
    rows_path, out_dir, font = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = load(rows_path)
    print(f"openpyxl {openpyxl_write(rows, out_dir + '/openpyxl.xlsx'):.3f}")
    print(f"reportlab {reportlab_draw(rows, out_dir + '/reportlab.pdf', font):.3f}")
