#include "app/evidence_metadata.h"

// exiv2 0.27's headers use std::auto_ptr (deprecated since C++11); the
// warning is theirs, not ours, so it is silenced for their headers and the
// one adapter below that holds their pointers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#pragma GCC diagnostic pop
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>

#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <string_view>

#include "base/utf8.h"

namespace vka::app {
namespace {

void AddNote(std::string& notes, const std::string& note) {
  if (!notes.empty()) notes += "; ";
  notes += note;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Metadata text made safe to store and print: up to the first NUL, control
// characters dropped, ill-formed UTF-8 escaped, spaces trimmed, at most
// kMaxMetadataChars bytes (cut at a character boundary).
std::string CleanText(std::string_view raw) {
  raw = raw.substr(0, raw.find('\0'));
  constexpr unsigned char kSpace = 0x20;
  constexpr unsigned char kDelete = 0x7F;
  std::string printable;
  for (char c : raw.substr(0, kMaxMetadataChars * 4)) {  // enough to fill the limit
    auto byte = static_cast<unsigned char>(c);
    if (byte >= kSpace && byte != kDelete) printable += c;
  }
  std::string text = base::SanitizeUtf8(printable);
  size_t begin = text.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  text = text.substr(begin, text.find_last_not_of(' ') - begin + 1);
  if (text.size() > kMaxMetadataChars) {
    size_t cut = kMaxMetadataChars;
    while (cut > 0 && IsUtf8Continuation(text[cut])) --cut;
    text.resize(cut);
  }
  return text;
}

// "YYYY:MM:DD HH:MM:SS" (EXIF 2.3 §4.6.4) -> "YYYY-MM-DDTHH:MM:SS"; "" for
// anything else. The value has no time zone: it is the camera's clock.
std::string ExifDateTime(std::string_view text) {
  constexpr std::string_view kPattern = "dddd:dd:dd dd:dd:dd";
  if (text.size() != kPattern.size()) return "";
  for (size_t idx = 0; idx < kPattern.size(); ++idx) {
    bool digit = text[idx] >= '0' && text[idx] <= '9';
    if (kPattern[idx] == 'd' ? !digit : text[idx] != kPattern[idx]) return "";
  }
  auto number = [&](size_t pos) { return (text[pos] - '0') * 10 + (text[pos + 1] - '0'); };
  constexpr int kMaxMonth = 12, kMaxDay = 31, kMaxHour = 23, kMaxMinute = 59, kMaxSecond = 60;
  int month = number(5), day = number(8);
  if (month < 1 || month > kMaxMonth || day < 1 || day > kMaxDay || number(11) > kMaxHour ||
      number(14) > kMaxMinute || number(17) > kMaxSecond) {
    return "";
  }
  std::string out(text);
  out[4] = '-';
  out[7] = '-';
  out[10] = 'T';
  return out;
}

// Cameras with an unset clock write zeros or blanks: no value, not an error.
bool IsUnsetDateTime(std::string_view text) {
  return text.find_first_not_of("0: ") == std::string_view::npos;
}

// The text of one EXIF tag, cleaned; "" when absent.
std::string ExifText(const Exiv2::ExifData& exif, const char* key) {
  auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end()) return "";
  return CleanText(it->toString());
}

// Degrees, minutes, seconds (three rationals) and a reference letter as
// signed decimal degrees, or nullopt if malformed or out of range.
std::optional<double> GpsCoordinate(const Exiv2::ExifData& exif, const char* value_key,
                                    const char* ref_key, char positive, char negative,
                                    double limit) {
  auto value = exif.findKey(Exiv2::ExifKey(value_key));
  std::string ref = ExifText(exif, ref_key);
  constexpr long kParts = 3;  // degrees, minutes, seconds
  if (value == exif.end() || value->count() != kParts || ref.size() != 1) return std::nullopt;
  if (ref[0] != positive && ref[0] != negative) return std::nullopt;
  constexpr double kDivisors[kParts] = {1.0, 60.0, 3600.0};
  double degrees = 0;
  for (long part = 0; part < kParts; ++part) {
    Exiv2::Rational r = value->toRational(part);
    if (r.second == 0 || r.first < 0 || r.second < 0) return std::nullopt;
    degrees += static_cast<double>(r.first) / r.second / kDivisors[part];
  }
  if (!std::isfinite(degrees) || degrees > limit) return std::nullopt;
  return ref[0] == negative ? -degrees : degrees;
}

void ReadExif(const Exiv2::ExifData& exif, ExtractedMetadata& out) {
  const std::string taken = ExifText(exif, "Exif.Photo.DateTimeOriginal");
  if (!taken.empty() && !IsUnsetDateTime(taken)) {
    out.taken_at = ExifDateTime(taken);
    if (out.taken_at.empty()) {
      AddNote(out.note, "EXIF DateTimeOriginal '" + taken + "' is not YYYY:MM:DD HH:MM:SS");
    }
  }
  out.camera_make = ExifText(exif, "Exif.Image.Make");
  out.camera_model = ExifText(exif, "Exif.Image.Model");
  const bool has_gps = exif.findKey(Exiv2::ExifKey("Exif.GPSInfo.GPSLatitude")) != exif.end() ||
                       exif.findKey(Exiv2::ExifKey("Exif.GPSInfo.GPSLongitude")) != exif.end();
  if (!has_gps) return;
  constexpr double kMaxLat = 90, kMaxLon = 180;
  auto lat = GpsCoordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 'N',
                           'S', kMaxLat);
  auto lon = GpsCoordinate(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef", 'E',
                           'W', kMaxLon);
  if (lat.has_value() && lon.has_value()) {
    out.gps_lat = lat;
    out.gps_lon = lon;
  } else {
    AddNote(out.note, "EXIF GPS position is incomplete or malformed");
  }
}

// exiv2 writes warnings about damaged files to stderr; the note says it.
void MuteExiv2() {
  static std::once_flag once;
  std::call_once(once, [] { Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute); });
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
// The exiv2 adapter: its exceptions stop here and become a note.
ExtractedMetadata ImageMetadata(const std::string& path) {
  ExtractedMetadata out;
  MuteExiv2();
  try {
    auto image = Exiv2::ImageFactory::open(path);
    if (image.get() == nullptr) {
      out.note = "no image metadata: exiv2 cannot open the file";
      return out;
    }
    image->readMetadata();
    const Exiv2::ExifData& exif = image->exifData();
    if (exif.empty()) {
      out.note = "image has no EXIF data";
      return out;
    }
    ReadExif(exif, out);
  } catch (const std::exception& e) {  // Exiv2::AnyError is a std::exception
    out = ExtractedMetadata{};
    out.note = "no image metadata: " + CleanText(e.what());
  } catch (...) {
    out = ExtractedMetadata{};
    out.note = "no image metadata: exiv2 failed";
  }
  return out;
}
#pragma GCC diagnostic pop

void IgnorePopplerMessage(const std::string& /*message*/, void* /*closure*/) {}

// poppler writes syntax errors of damaged PDFs to stderr; the note says it.
void MutePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
}

// The poppler adapter: it reports failure with a null document; anything
// it throws (allocation) stops here too.
ExtractedMetadata PdfMetadata(const std::string& path) {
  ExtractedMetadata out;
  MutePoppler();
  try {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (doc == nullptr) {
      out.note = "no PDF metadata: poppler cannot read the file (damaged or encrypted)";
      return out;
    }
    int pages = doc->pages();
    if (pages < 0) {
      out.note = "no PDF metadata: poppler reports no page count";
      return out;
    }
    out.page_count = pages;
    if (doc->is_locked()) out.note = "PDF is encrypted";
  } catch (const std::exception& e) {
    out = ExtractedMetadata{};
    out.note = "no PDF metadata: " + CleanText(e.what());
  } catch (...) {
    out = ExtractedMetadata{};
    out.note = "no PDF metadata: poppler failed";
  }
  return out;
}

}  // namespace

ExtractedMetadata ExtractMetadata(const std::string& path, const std::string& mime) {
  if (mime.rfind("image/", 0) == 0) return ImageMetadata(path);
  if (mime == "application/pdf") return PdfMetadata(path);
  return {};
}

}  // namespace vka::app
