#pragma once

// A drawing surface for one chart: cairo for shapes, Pango for text, in one
// of three formats. Lengths are CSS pixels (1/96 in) for SVG and PNG and
// points for PDF; the charts are designed in these units at kChartWidth wide.
//
// A chart is drawn twice: once on a measuring canvas (a cairo recording
// surface, nothing kept) to learn its height, then on the real canvas of
// that height. Both use the same unhinted text metrics, so the layouts agree.

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "chart/chart.h"

namespace vka::chart::internal {

struct Color {
  double r = 0;
  double g = 0;
  double b = 0;
};

// 0xRRGGBB.
constexpr Color Rgb(uint32_t hex) {
  constexpr double kMax = 255;
  return {static_cast<double>((hex >> 16) & 0xff) / kMax,
          static_cast<double>((hex >> 8) & 0xff) / kMax, static_cast<double>(hex & 0xff) / kMax};
}

enum class Align { kLeft, kCenter, kRight };
enum class VAlign { kTop, kMiddle, kBottom };

struct TextStyle {
  double size = 11;  // font size in the canvas's units
  bool bold = false;
  Color color = Rgb(0x222222);
  Align align = Align::kLeft;    // of the text box relative to x
  VAlign valign = VAlign::kTop;  // of the text box relative to y
  double width = 0;              // > 0: lines wrap (wrap) or are cut with "…" at this width
  bool wrap = false;
  bool vertical = false;  // rotated 90° counter-clockwise (y-axis titles); no width
};

struct TextSize {
  double width = 0;
  double height = 0;
};

// The fonts: Noto Sans lacks Armenian on Debian, which ships Noto Sans
// Armenian as its own family; DejaVu Sans covers what both lack.
inline constexpr char kFontFamilies[] = "Noto Sans,Noto Sans Armenian,DejaVu Sans";

class Canvas {
 public:
  // A canvas that only measures: it draws into a recording surface and
  // Finish() returns no bytes. Its height is unbounded.
  static base::Result<std::unique_ptr<Canvas>> Measuring(Language language);

  // A canvas of width x height units for format. `title` goes into the PDF
  // metadata. kInternal if cairo cannot create the surface.
  static base::Result<std::unique_ptr<Canvas>> Create(Format format, double width, double height,
                                                      Language language, const std::string& title);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  void FillRect(double x, double y, double w, double h, Color fill);
  void StrokeRect(double x, double y, double w, double h, Color stroke, double line_width);
  void Line(double x0, double y0, double x1, double y1, Color stroke, double line_width);
  void DashedLine(double x0, double y0, double x1, double y1, Color stroke, double line_width);
  // A disc filled with color at opacity (0-1) and ringed in color, or
  // (hollow) the ring alone.
  void Circle(double cx, double cy, double radius, Color color, double opacity, bool hollow);
  // A filled triangle pointing right with its tip at (x, y).
  void ArrowHead(double x, double y, double size, Color fill);

  // Draws text (UTF-8; invalid bytes are replaced) and returns its size.
  TextSize Text(double x, double y, std::string_view text, const TextStyle& style);
  // The size Text would draw, without drawing.
  TextSize Measure(std::string_view text, const TextStyle& style);

  // Ends the drawing and returns the file's bytes ("" for a measuring
  // canvas). kInternal if cairo reports an error (e.g. out of memory).
  base::Result<std::string> Finish();

 private:
  Canvas() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vka::chart::internal
