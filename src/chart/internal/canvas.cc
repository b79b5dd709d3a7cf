#include "chart/internal/canvas.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <numbers>

#include "base/utf8.h"

namespace vka::chart::internal {
namespace {

constexpr double kResolution = 72;  // Pango points = canvas units
constexpr double kQuarterTurn = -std::numbers::pi / 2;
constexpr double kFullTurn = 2 * std::numbers::pi;
constexpr double kRing = 1.2;
constexpr double kDash = 3;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};

// Text drawn only through Pango with these options: unhinted, unrounded
// metrics, so the measuring and the real canvas lay out text alike.
void SetUpContext(PangoContext* context, Language language) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(context, kResolution);
  pango_context_set_round_glyph_positions(context, false);
  pango_context_set_language(context, pango_language_from_string(LanguageCode(language)));
}

void SetColor(cairo_t* cr, Color c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

}  // namespace

struct Canvas::Impl {
  Format format = Format::kSvg;
  bool measuring = false;
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  std::unique_ptr<PangoContext, GObjectUnref> context;
  std::unique_ptr<PangoLayout, GObjectUnref> layout;

  ~Impl() {
    layout.reset();
    context.reset();
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }

  // Sets up cr, the Pango context and the reusable layout on surface.
  base::Status Start(Language language) {
    cr = cairo_create(surface);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
      return base::InternalError(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr)));
    }
    context.reset(pango_cairo_create_context(cr));
    SetUpContext(context.get(), language);
    layout.reset(pango_layout_new(context.get()));
    return base::OkStatus();
  }

  // Prepares the layout for text in style; returns its size.
  TextSize Prepare(std::string_view text, const TextStyle& style) {
    const std::string clean =
        base::IsValidUtf8(text) ? std::string(text) : base::SanitizeUtf8(text);
    PangoFontDescription* font = pango_font_description_from_string(kFontFamilies);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
    const bool limited = style.width > 0 && !style.vertical;
    pango_layout_set_width(layout.get(), limited ? pango_units_from_double(style.width) : -1);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(layout.get(),
                               limited && !style.wrap ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    PangoAlignment alignment = style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                               : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                              : PANGO_ALIGN_LEFT;
    pango_layout_set_alignment(layout.get(), alignment);
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return {pango_units_to_double(w), pango_units_to_double(h)};
  }
};

base::Result<std::unique_ptr<Canvas>> Canvas::Measuring(Language language) {
  std::unique_ptr<Canvas> canvas(new Canvas());
  canvas->impl_ = std::make_unique<Impl>();
  canvas->impl_->measuring = true;
  canvas->impl_->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
  VKA_RETURN_IF_ERROR(canvas->impl_->Start(language));
  return canvas;
}

base::Result<std::unique_ptr<Canvas>> Canvas::Create(Format format, double width, double height,
                                                     Language language, const std::string& title) {
  std::unique_ptr<Canvas> canvas(new Canvas());
  canvas->impl_ = std::make_unique<Impl>();
  Impl& impl = *canvas->impl_;
  impl.format = format;
  switch (format) {
    case Format::kSvg:
      impl.surface =
          cairo_svg_surface_create_for_stream(AppendToString, &impl.bytes, width, height);
      cairo_svg_surface_set_document_unit(impl.surface, CAIRO_SVG_UNIT_PX);
      break;
    case Format::kPdf:
      impl.surface =
          cairo_pdf_surface_create_for_stream(AppendToString, &impl.bytes, width, height);
      cairo_pdf_surface_set_metadata(impl.surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
      cairo_pdf_surface_set_metadata(impl.surface, CAIRO_PDF_METADATA_CREATOR, "vka");
      break;
    case Format::kPng:
      impl.surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                static_cast<int>(std::ceil(width * kPngScale)),
                                                static_cast<int>(std::ceil(height * kPngScale)));
      break;
  }
  if (cairo_surface_status(impl.surface) != CAIRO_STATUS_SUCCESS) {
    return base::InternalError(std::string("cairo surface: ") +
                               cairo_status_to_string(cairo_surface_status(impl.surface)));
  }
  VKA_RETURN_IF_ERROR(impl.Start(language));
  if (format == Format::kPng) cairo_scale(impl.cr, kPngScale, kPngScale);
  cairo_set_source_rgb(impl.cr, 1, 1, 1);  // a white page, also behind SVG and PNG
  cairo_paint(impl.cr);
  return canvas;
}

Canvas::~Canvas() = default;

void Canvas::FillRect(double x, double y, double w, double h, Color fill) {
  cairo_t* cr = impl_->cr;
  SetColor(cr, fill);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

void Canvas::StrokeRect(double x, double y, double w, double h, Color stroke, double line_width) {
  cairo_t* cr = impl_->cr;
  SetColor(cr, stroke);
  cairo_set_line_width(cr, line_width);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void Canvas::Line(double x0, double y0, double x1, double y1, Color stroke, double line_width) {
  cairo_t* cr = impl_->cr;
  SetColor(cr, stroke);
  cairo_set_line_width(cr, line_width);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void Canvas::DashedLine(double x0, double y0, double x1, double y1, Color stroke,
                        double line_width) {
  const double dashes[] = {kDash, kDash};
  cairo_set_dash(impl_->cr, dashes, 2, 0);
  Line(x0, y0, x1, y1, stroke, line_width);
  cairo_set_dash(impl_->cr, nullptr, 0, 0);
}

void Canvas::Circle(double cx, double cy, double radius, Color color, double opacity, bool hollow) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, radius, 0, kFullTurn);
  if (!hollow) {
    cairo_set_source_rgba(cr, color.r, color.g, color.b, opacity);
    cairo_fill_preserve(cr);
  }
  SetColor(cr, color);
  cairo_set_line_width(cr, kRing);
  cairo_stroke(cr);
}

void Canvas::ArrowHead(double x, double y, double size, Color fill) {
  cairo_t* cr = impl_->cr;
  SetColor(cr, fill);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x - size, y - size / 2);
  cairo_line_to(cr, x - size, y + size / 2);
  cairo_close_path(cr);
  cairo_fill(cr);
}

TextSize Canvas::Measure(std::string_view text, const TextStyle& style) {
  TextSize size = impl_->Prepare(text, style);
  if (style.vertical) std::swap(size.width, size.height);
  return size;
}

TextSize Canvas::Text(double x, double y, std::string_view text, const TextStyle& style) {
  const TextSize size = impl_->Prepare(text, style);
  // The layout's box is [0, box_width] wide: its own width, or style.width.
  const double box = style.width > 0 && !style.vertical ? style.width : size.width;
  double dx = style.align == Align::kCenter ? -box / 2 : style.align == Align::kRight ? -box : 0;
  double dy = style.valign == VAlign::kMiddle   ? -size.height / 2
              : style.valign == VAlign::kBottom ? -size.height
                                                : 0;
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  SetColor(cr, style.color);
  if (style.vertical) {
    // Rotated: the text runs upwards; x, y anchor the rotated box's centre
    // line as (valign across, align along) would for horizontal text.
    cairo_translate(cr, x, y);
    cairo_rotate(cr, kQuarterTurn);
    cairo_move_to(cr, dx, dy);
  } else {
    cairo_move_to(cr, x + dx, y + dy);
  }
  pango_cairo_update_layout(cr, impl_->layout.get());
  pango_cairo_show_layout(cr, impl_->layout.get());
  cairo_restore(cr);
  return style.vertical ? TextSize{size.height, size.width} : size;
}

base::Result<std::string> Canvas::Finish() {
  Impl& impl = *impl_;
  if (cairo_status(impl.cr) != CAIRO_STATUS_SUCCESS) {
    return base::InternalError(std::string("cairo: ") +
                               cairo_status_to_string(cairo_status(impl.cr)));
  }
  if (impl.measuring) return std::string();
  if (impl.format == Format::kPng) {
    cairo_surface_flush(impl.surface);
    cairo_status_t s = cairo_surface_write_to_png_stream(impl.surface, AppendToString, &impl.bytes);
    if (s != CAIRO_STATUS_SUCCESS) {
      return base::InternalError(std::string("cairo png: ") + cairo_status_to_string(s));
    }
  }
  cairo_surface_finish(impl.surface);
  if (cairo_surface_status(impl.surface) != CAIRO_STATUS_SUCCESS) {
    return base::InternalError(std::string("cairo: ") +
                               cairo_status_to_string(cairo_surface_status(impl.surface)));
  }
  return std::move(impl.bytes);
}

}  // namespace vka::chart::internal
