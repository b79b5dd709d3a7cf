#pragma once

// Metadata read from an evidence file's content at ingest (issue 3 part 1):
// EXIF capture time, camera and GPS position of images (exiv2), the page
// count of PDFs (poppler). The adapters to both libraries live here; their
// exceptions and diagnostics never leave this file.

#include <cstdint>
#include <optional>
#include <string>

namespace vka::app {

// Longest text kept from a file's metadata; longer values are cut (at a
// UTF-8 character boundary) so a hostile file cannot bloat the database.
inline constexpr size_t kMaxMetadataChars = 200;

struct ExtractedMetadata {
  std::string taken_at;           // EXIF DateTimeOriginal as "YYYY-MM-DDTHH:MM:SS" (local, no zone)
  std::string camera_make;        // EXIF Image.Make
  std::string camera_model;       // EXIF Image.Model
  std::optional<double> gps_lat;  // decimal degrees, north positive
  std::optional<double> gps_lon;  // decimal degrees, east positive
  std::optional<int64_t> page_count;
  // Why metadata is missing or partial ("" when all went well or the type
  // carries none we read): a damaged file, an unparseable value, ...
  std::string note;
};

// Reads the metadata of the file at path, chosen by its MIME type (from
// libmagic): "image/..." through exiv2, "application/pdf" through poppler,
// anything else yields nothing. Never fails: whatever goes wrong, including
// a corrupt or hostile file, becomes a note and no metadata.
ExtractedMetadata ExtractMetadata(const std::string& path, const std::string& mime);

}  // namespace vka::app
