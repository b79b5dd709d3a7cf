#include "app/evidence_metadata.h"

#include <cairo-pdf.h>
#include <gtest/gtest.h>

// exiv2 0.27's headers use std::auto_ptr (see evidence_metadata.cc).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#pragma GCC diagnostic pop

#include <array>
#include <fstream>
#include <memory>

#include "app/evidence_files.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

// A 1x1 grey baseline JPEG, written by hand: SOI, DQT (all ones), SOF0
// 1x1 one component, DHT DC and AC each with a single 1-bit code for
// symbol 0, SOS, one byte of scan data (DC diff 0, EOB, padded with 1s),
// EOI. No APP segments: the tests add EXIF with exiv2.
std::string TinyJpeg() {
  std::string jpeg = {'\xFF', '\xD8'};
  jpeg += std::string("\xFF\xDB\x00\x43\x00", 5) + std::string(64, '\x01');
  jpeg += std::string("\xFF\xC0\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00", 13);
  for (char table : {'\x00', '\x10'}) {  // DC 0, AC 0
    jpeg += std::string("\xFF\xC4\x00\x14", 4) + table + '\x01' + std::string(15, '\x00') + '\x00';
  }
  jpeg += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
  jpeg += std::string("\x3F\xFF\xD9", 3);
  return jpeg;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

struct Exif {
  std::string taken = "2024:05:01 14:03:22";
  std::string make = "Canon";
  std::string model = "EOS 5D";
  std::string lat = "40/1 10/1 3000/100";  // 40.175
  std::string lat_ref = "N";
  std::string lon = "44/1 30/1 0/1";  // 44.5
  std::string lon_ref = "W";
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void WriteJpegWithExif(const std::string& path, const Exif& tags) {
  WriteFile(path, TinyJpeg());
  auto image = Exiv2::ImageFactory::open(path);
  ASSERT_NE(image.get(), nullptr);
  image->readMetadata();
  Exiv2::ExifData& exif = image->exifData();
  if (!tags.taken.empty()) exif["Exif.Photo.DateTimeOriginal"] = tags.taken;
  if (!tags.make.empty()) exif["Exif.Image.Make"] = tags.make;
  if (!tags.model.empty()) exif["Exif.Image.Model"] = tags.model;
  if (!tags.lat.empty()) exif["Exif.GPSInfo.GPSLatitude"] = tags.lat;
  if (!tags.lat_ref.empty()) exif["Exif.GPSInfo.GPSLatitudeRef"] = tags.lat_ref;
  if (!tags.lon.empty()) exif["Exif.GPSInfo.GPSLongitude"] = tags.lon;
  if (!tags.lon_ref.empty()) exif["Exif.GPSInfo.GPSLongitudeRef"] = tags.lon_ref;
  image->writeMetadata();
}
#pragma GCC diagnostic pop

void WritePdf(const std::string& path, int pages) {
  constexpr double kA4Width = 595, kA4Height = 842;
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kA4Width, kA4Height);
  cairo_t* cr = cairo_create(surface);
  for (int page = 0; page < pages; ++page) {
    cairo_rectangle(cr, 10, 10, 100, 100);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  ASSERT_EQ(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);
}

class EvidenceMetadataTest : public testing::WorkspaceTest {};

TEST_F(EvidenceMetadataTest, ReadsExifCaptureTimeCameraAndGps) {
  const std::string path = dir_->Join("photo.jpg");
  WriteJpegWithExif(path, Exif{});
  ExtractedMetadata meta = ExtractMetadata(path, "image/jpeg");
  EXPECT_EQ(meta.taken_at, "2024-05-01T14:03:22");
  EXPECT_EQ(meta.camera_make, "Canon");
  EXPECT_EQ(meta.camera_model, "EOS 5D");
  ASSERT_TRUE(meta.gps_lat.has_value());
  ASSERT_TRUE(meta.gps_lon.has_value());
  EXPECT_NEAR(*meta.gps_lat, 40.175, 1e-9);
  EXPECT_NEAR(*meta.gps_lon, -44.5, 1e-9);
  EXPECT_FALSE(meta.page_count.has_value());
  EXPECT_EQ(meta.note, "");
}

TEST_F(EvidenceMetadataTest, ImageWithoutExifHasANoteOnly) {
  const std::string path = dir_->Join("plain.jpg");
  WriteFile(path, TinyJpeg());
  ExtractedMetadata meta = ExtractMetadata(path, "image/jpeg");
  EXPECT_EQ(meta.taken_at, "");
  EXPECT_EQ(meta.camera_make, "");
  EXPECT_FALSE(meta.gps_lat.has_value());
  EXPECT_EQ(meta.note, "image has no EXIF data");
}

TEST_F(EvidenceMetadataTest, HugeAndOddValuesAreCutOrNoted) {
  const std::string path = dir_->Join("odd.jpg");
  Exif tags;
  tags.make = std::string(5000, 'M');
  tags.model = "  \x01Model\x7F  ";
  tags.taken = "yesterday at noon";
  tags.lat_ref = "Q";  // neither N nor S
  WriteJpegWithExif(path, tags);
  ExtractedMetadata meta = ExtractMetadata(path, "image/jpeg");
  EXPECT_EQ(meta.camera_make, std::string(kMaxMetadataChars, 'M'));
  EXPECT_EQ(meta.camera_model, "Model");
  EXPECT_EQ(meta.taken_at, "");
  EXPECT_FALSE(meta.gps_lat.has_value());
  EXPECT_FALSE(meta.gps_lon.has_value());
  EXPECT_NE(meta.note.find("DateTimeOriginal 'yesterday at noon'"), std::string::npos) << meta.note;
  EXPECT_NE(meta.note.find("GPS"), std::string::npos) << meta.note;
}

TEST_F(EvidenceMetadataTest, UnsetCameraClockIsNoValueAndNoNote) {
  const std::string path = dir_->Join("unset.jpg");
  Exif tags;
  tags.taken = "0000:00:00 00:00:00";
  WriteJpegWithExif(path, tags);
  ExtractedMetadata meta = ExtractMetadata(path, "image/jpeg");
  EXPECT_EQ(meta.taken_at, "");
  EXPECT_EQ(meta.note, "");
}

TEST_F(EvidenceMetadataTest, CountsPdfPages) {
  const std::string path = dir_->Join("three.pdf");
  WritePdf(path, 3);
  ExtractedMetadata meta = ExtractMetadata(path, "application/pdf");
  ASSERT_TRUE(meta.page_count.has_value()) << meta.note;
  EXPECT_EQ(*meta.page_count, 3);
  EXPECT_EQ(meta.note, "");
}

TEST_F(EvidenceMetadataTest, CorruptFilesGiveANoteNotAnError) {
  const std::string jpeg = dir_->Join("bad.jpg");
  WriteFile(jpeg, std::string("\xFF\xD8\xFF\xE1\xFF\xFF", 6) + "Exif" + std::string(100, '\xAA'));
  ExtractedMetadata image = ExtractMetadata(jpeg, "image/jpeg");
  EXPECT_EQ(image.taken_at, "");
  EXPECT_EQ(image.camera_make, "");
  EXPECT_FALSE(image.gps_lat.has_value());
  EXPECT_NE(image.note, "");

  const std::string pdf = dir_->Join("bad.pdf");
  WriteFile(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage\n%%EOF\n");
  ExtractedMetadata doc = ExtractMetadata(pdf, "application/pdf");
  EXPECT_FALSE(doc.page_count.has_value());
  EXPECT_NE(doc.note, "");

  // A truncated copy of a good photo: whatever exiv2 makes of it, no throw.
  const std::string good = dir_->Join("good.jpg");
  WriteJpegWithExif(good, Exif{});
  std::ifstream in(good, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = dir_->Join("cut.jpg");
  WriteFile(cut, bytes.substr(0, bytes.size() / 2));
  ExtractedMetadata truncated = ExtractMetadata(cut, "image/jpeg");
  (void)truncated;
}

TEST_F(EvidenceMetadataTest, OtherTypesHaveNoMetadataAndNoNote) {
  const std::string path = dir_->Join("notes.txt");
  WriteFile(path, "text");
  ExtractedMetadata meta = ExtractMetadata(path, "text/plain");
  EXPECT_EQ(meta.note, "");
  EXPECT_FALSE(meta.page_count.has_value());
}

TEST_F(EvidenceMetadataTest, AddEvidenceStoresTheMetadata) {
  ChangeContext ctx{"tester", ""};
  auto source =
      AddRecord(*ws_, model::Kind::kSource, R"({"type":"testimony","title":"[SYNTHETIC] t"})", ctx);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  const std::string photo = dir_->Join("photo.jpg");
  WriteJpegWithExif(photo, Exif{});
  const std::string pdf = dir_->Join("report.pdf");
  WritePdf(pdf, 3);
  const std::string bad = dir_->Join("bad.pdf");
  WriteFile(bad, "%PDF-1.7\nnot really\n");
  AddEvidenceOptions options;
  options.source = *source;
  auto added = AddEvidence(*ws_, {photo, pdf, bad}, options, ctx);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->size(), 3u);

  auto image = ShowEvidence(*ws_, (*added)[0].sha256);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->mime, "image/jpeg");
  EXPECT_EQ(image->exif_taken_at, "2024-05-01T14:03:22");
  EXPECT_EQ(image->camera_make, "Canon");
  EXPECT_EQ(image->camera_model, "EOS 5D");
  ASSERT_TRUE(image->gps_lat.has_value());
  EXPECT_NEAR(*image->gps_lat, 40.175, 1e-9);
  EXPECT_NEAR(*image->gps_lon, -44.5, 1e-9);
  EXPECT_FALSE(image->page_count.has_value());

  auto doc = ShowEvidence(*ws_, (*added)[1].sha256);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(doc->page_count.has_value());
  EXPECT_EQ(*doc->page_count, 3);
  EXPECT_FALSE(doc->gps_lat.has_value());

  auto broken = ShowEvidence(*ws_, (*added)[2].sha256);
  ASSERT_TRUE(broken.ok());
  EXPECT_FALSE(broken->page_count.has_value());
  EXPECT_NE(broken->metadata_note, "");
}

}  // namespace
}  // namespace vka::app
