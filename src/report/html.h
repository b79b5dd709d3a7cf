#pragma once

#include <ostream>

#include "base/status.h"
#include "report/document.h"

namespace vka::report {

// Writes doc as one self-contained HTML5 file: CSS in a <style> in the head,
// no scripts, no external resources (a Content-Security-Policy meta tag
// forbids loading any), every text HTML-escaped. Footnote markers link to a
// numbered list at the end, whose entries link back. Print CSS asks for A4
// with 2 cm margins, repeats table headers and keeps rows whole.
// Returns kInvalidArgument for an invalid document (document.h; nothing is
// written), kIOError when out fails. Thread-compatible.
base::Status WriteHtml(const Document& doc, std::ostream& out);

}  // namespace vka::report
