#pragma once

// Text rendering of records and revisions for the terminal.

#include <string>

#include "base/status.h"


namespace vka::cli {

// A short human label: names, title or name, else the type code.
std::string RecordLabel(const std::string& body);

// Writes text to stdout as is.
base::Status Print(const std::string& text);

// The JSON text of a --json TEXT / --file FILE pair ("-" reads stdin).
// kInvalidArgument when neither is given ("give the <what> as ..."),
// kNotFound when the file cannot be opened.
base::Result<std::string> ReadJsonArg(const std::string& json, const std::string& file,
                                      const std::string& what);

// "field: old → new" lines for the top-level fields that differ.
std::string DiffBodies(const std::string& old_body, const std::string& new_body);

// Pretty-printed JSON (two-space indent) of a canonical body.
std::string PrettyBody(const std::string& body);

}  // namespace vka::cli
