"""Metadata read from evidence files at ingest: EXIF capture time, camera and
GPS position of a photo, the page count of a PDF, and a note (never an
error) for a damaged file. The files are built here by hand, independently
of the libraries vka reads them with (exiv2, poppler)."""
import struct
import unittest

from vkatest import VkaTestCase

# A 1x1 grey baseline JPEG (SOI, DQT, SOF0, DC and AC tables with one code
# each, SOS, one byte of scan data, EOI), as in evidence_metadata_test.cc.
JPEG_BODY = (b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
             + b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
             + b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00"
             + b"\xff\xc4\x00\x14\x10\x01" + b"\x00" * 15 + b"\x00"
             + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
             + b"\x3f\xff\xd9")

ASCII, LONG, RATIONAL = 2, 4, 5


def ifd(entries, start):
    """A little-endian TIFF IFD at offset `start`: entries are (tag, type,
    value) with value bytes (ASCII/RATIONAL) or an int (LONG). Returns the
    IFD bytes followed by its out-of-line data."""
    head_len = 2 + 12 * len(entries) + 4
    data = b""
    out = struct.pack("<H", len(entries))
    for tag, typ, value in sorted(entries, key=lambda e: e[0]):
        if typ == LONG:
            out += struct.pack("<HHII", tag, typ, 1, value)
            continue
        count = len(value) if typ == ASCII else len(value) // 8
        if len(value) <= 4:
            out += struct.pack("<HHI", tag, typ, count) + value.ljust(4, b"\0")
        else:
            out += struct.pack("<HHII", tag, typ, count, start + head_len + len(data))
            data += value + (b"\0" if len(value) % 2 else b"")
    return out + struct.pack("<I", 0) + data


def rationals(*pairs):
    return b"".join(struct.pack("<II", n, d) for n, d in pairs)


def jpeg_with_exif():
    """Taken 2024-05-01 14:03:22 with a "Canon" "EOS 5D" at 40.175 N, 44.5 W."""
    # Sizes are fixed by the layout, so offsets can be computed in two passes.
    def build(exif_at, gps_at):
        ifd0 = ifd([(0x010F, ASCII, b"Canon\0"), (0x0110, ASCII, b"EOS 5D\0"),
                    (0x8769, LONG, exif_at), (0x8825, LONG, gps_at)], 8)
        exif = ifd([(0x9003, ASCII, b"2024:05:01 14:03:22\0")], 8 + len(ifd0))
        gps = ifd([(1, ASCII, b"N\0"), (2, RATIONAL, rationals((40, 1), (10, 1), (3000, 100))),
                   (3, ASCII, b"W\0"), (4, RATIONAL, rationals((44, 1), (30, 1), (0, 1)))],
                  8 + len(ifd0) + len(exif))
        return ifd0, exif, gps
    ifd0, exif, gps = build(0, 0)
    ifd0, exif, gps = build(8 + len(ifd0), 8 + len(ifd0) + len(exif))
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0 + exif + gps
    app1 = b"Exif\0\0" + tiff
    return b"\xff\xd8\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + JPEG_BODY


def pdf_with_pages(pages):
    """A minimal PDF with `pages` empty pages and a correct xref table."""
    kids = " ".join(f"{3 + idx} 0 R" for idx in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


class EvidenceMetadata(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.source = self.ok("add", "source", "--json",
                              '{"type":"testimony","title":"[SYNTHETIC] t"}').strip()

    def add(self, name, data):
        out = self.ok("evidence", "add", self.write(name, data), "--source", self.source)
        return out.split()[0]

    def test_photo_exif_capture_time_camera_and_gps(self):
        show = self.ok("evidence", "show", self.add("photo.jpg", jpeg_with_exif()))
        self.assertIn("mime: image/jpeg\n", show)
        self.assertIn("exif taken at: 2024-05-01T14:03:22\n", show)
        self.assertIn("camera make: Canon\n", show)
        self.assertIn("camera model: EOS 5D\n", show)
        self.assertIn("gps: 40.175000,-44.500000\n", show)
        self.assertNotIn("pages:", show)
        self.assertNotIn("metadata note:", show)

    def test_pdf_page_count(self):
        show = self.ok("evidence", "show", self.add("report.pdf", pdf_with_pages(3)))
        self.assertIn("mime: application/pdf\n", show)
        self.assertIn("pages: 3\n", show)
        self.assertNotIn("exif taken at:", show)
        self.assertNotIn("metadata note:", show)

    def test_damaged_files_are_stored_with_a_note(self):
        photo = jpeg_with_exif()
        cut = photo[:40]  # inside the EXIF segment
        show = self.ok("evidence", "show", self.add("cut.jpg", cut))
        self.assertIn("mime: image/jpeg\n", show)
        self.assertNotIn("camera make:", show)
        self.assertNotIn("gps:", show)
        self.assertIn("metadata note: ", show)

        show = self.ok("evidence", "show", self.add("bad.pdf", b"%PDF-1.4\n" + b"\xaa" * 500))
        self.assertIn("mime: application/pdf\n", show)
        self.assertNotIn("pages:", show)
        self.assertIn("metadata note: ", show)
        self.ok("verify")

    def test_huge_exif_text_is_cut(self):
        show = self.ok("evidence", "show", self.add("long.jpg", huge_make_jpeg(b"M" * 5000 + b"\0")))
        line = next(l for l in show.splitlines() if l.startswith("camera make: "))
        self.assertEqual(line, "camera make: " + "M" * 200)


def huge_make_jpeg(make):
    ifd0 = ifd([(0x010F, ASCII, make)], 8)
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0
    app1 = b"Exif\0\0" + tiff
    return b"\xff\xd8\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + JPEG_BODY


if __name__ == "__main__":
    unittest.main()
