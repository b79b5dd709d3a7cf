// libFuzzer harness for the text files of a BagIt bag as `vka import --bag`
// reads them (app/internal/bag_format.h): manifest-sha256.txt and
// tagmanifest-sha256.txt (ParseManifest), bagit.txt and bag-info.txt
// (ParseTagFile), and the lines of data/custody.ndjson (ParseCustodyLine).
// Every parser gets the whole input. Seeds: fuzz/corpus/bag/.
//
// Invariants: nothing crashes or throws; a parsed manifest formats to text
// that parses back to the same entries (paths percent-encoded and decoded);
// a parsed tag file without line breaks in its values formats back to the
// same tags; a parsed custody line formats back to a line that parses to
// the same chain; every error names the file.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/internal/bag_format.h"

namespace {

namespace bag = vka::app::internal;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

bool SamePaths(std::vector<bag::ManifestEntry> a, std::vector<bag::ManifestEntry> b) {
  auto by_path = [](const bag::ManifestEntry& x, const bag::ManifestEntry& y) {
    return x.path < y.path;
  };
  std::sort(a.begin(), a.end(), by_path);
  std::sort(b.begin(), b.end(), by_path);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].path != b[i].path || a[i].sha256 != b[i].sha256) return false;
  }
  return true;
}

void CheckManifest(std::string_view input) {
  auto entries = bag::ParseManifest(input, "manifest-sha256.txt");
  if (!entries.ok()) {
    Require(entries.status().message().rfind("manifest-sha256.txt", 0) == 0);
    return;
  }
  auto again = bag::ParseManifest(bag::FormatManifest(*entries), "manifest-sha256.txt");
  Require(again.ok() && SamePaths(*entries, *again));
}

void CheckTagFile(std::string_view input) {
  auto tags = bag::ParseTagFile(input, "bag-info.txt");
  if (!tags.ok()) {
    Require(tags.status().message().rfind("bag-info.txt", 0) == 0);
    return;
  }
  for (const auto& [label, value] : *tags) {
    if (label.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos || label.empty()) {
      return;  // not a tag FormatTagFile can write
    }
  }
  auto again = bag::ParseTagFile(bag::FormatTagFile(*tags), "bag-info.txt");
  Require(again.ok() && *again == *tags);
  (void)bag::TagValue(*tags, bag::kPayloadOxum);
}

void CheckCustodyLine(std::string_view input) {
  auto line = bag::ParseCustodyLine(input);
  if (!line.ok()) return;
  auto text = bag::FormatCustodyLine(*line);
  Require(text.ok());
  auto again = bag::ParseCustodyLine(*text);
  Require(again.ok() && again->custody == line->custody &&
          again->file.sha256 == line->file.sha256 && again->file.size == line->file.size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckManifest(input);
  CheckTagFile(input);
  CheckCustodyLine(input);
  return 0;
}
