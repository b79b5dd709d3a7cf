#pragma once

#include <string>

#include "base/status.h"
#include "report/document.h"

namespace vka::report {

// A rendered PDF file.
struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

// Typesets doc as a PDF (cairo and Pango; fonts from fontconfig: Noto Serif
// for text, Noto Sans for headings and tables, their Armenian companions,
// DejaVu Sans Mono for preformatted text). A4, 2 cm margins; the title and
// subtitle open the first page; every page has a footer with the title, the
// document's footer text and "page X of Y". Headings are numbered and form
// the PDF outline. Tables repeat their header after a page break and keep
// each row on one page unless it is taller than a page, when it is sliced
// between lines. Footnotes go at the bottom of the page of their marker;
// the page-breaking rules are in internal/paginate.h.
// Returns kInvalidArgument for an invalid document (document.h), kInternal
// if cairo fails. Thread-compatible: serialise calls across threads (cairo,
// Pango and fontconfig keep process-wide caches, and concurrent use has not
// been shown race-free).
base::Result<RenderedPdf> RenderPdf(const Document& doc);

// RenderPdf, then writes the file atomically (base/files.h: a temporary
// file in the same folder, fsync, rename over path, fsync of the folder). Returns the number of pages.
// kIOError naming the path if it cannot be written (path is then unchanged
// and no temporary file is left); RenderPdf's errors otherwise.
base::Result<int> WritePdf(const Document& doc, const std::string& path);

}  // namespace vka::report
