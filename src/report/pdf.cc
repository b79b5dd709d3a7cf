#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

#include "base/files.h"
#include "report/internal/paginate.h"
#include "report/internal/text.h"
#include "report/internal/typeset.h"

namespace vka::report {
namespace {

using internal::kBodyHeight;
using internal::kBodyWidth;
using internal::kMargin;
using internal::kPageHeight;

constexpr double kResolution = 72;  // Pango points = PDF user units
constexpr double kRuleWidth = 0.5;
constexpr double kCellBorderGrey = 0.55;
constexpr double kNoteRuleGap = 7;     // from the note separator's top
constexpr double kFooterRuleGap = 12;  // below the body
constexpr double kFooterTextGap = 3;   // below the footer rule
constexpr double kFooterSpacing = 12;  // between footer texts

struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A Pango context for unhinted, unrounded PDF metrics in points.
std::unique_ptr<PangoContext, internal::GObjectUnref> NewContext(cairo_t* cr,
                                                                 const std::string& lang) {
  std::unique_ptr<PangoContext, internal::GObjectUnref> context(pango_cairo_create_context(cr));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(context.get(), kResolution);
  pango_context_set_round_glyph_positions(context.get(), false);
  if (!lang.empty())
    pango_context_set_language(context.get(), pango_language_from_string(lang.c_str()));
  return context;
}

std::string FooterText(const Document& doc) {
  if (doc.footer.empty()) return doc.title;
  if (doc.title.empty()) return doc.footer;
  return doc.title + " \u00b7 " + doc.footer;
}

// The document's page label with {page} and {pages} filled in.
std::string PageLabel(const std::string& label, int page, int pages) {
  std::string out;
  for (size_t i = 0; i < label.size();) {
    if (label.compare(i, 6, "{page}") == 0) {
      out += std::to_string(page);
      i += 6;
    } else if (label.compare(i, 7, "{pages}") == 0) {
      out += std::to_string(pages);
      i += 7;
    } else {
      out += label[i++];
    }
  }
  return out;
}

double LayoutWidth(PangoLayout* layout) {
  int width = 0, height = 0;
  pango_layout_get_size(layout, &width, &height);
  return pango_units_to_double(width);
}

// Draws the pages planned by Paginate.
class Painter {
 public:
  Painter(cairo_surface_t* surface, cairo_t* cr, internal::Typesetter* typesetter,
          const Document& doc, int pages)
      : surface_(surface), cr_(cr), typesetter_(typesetter), pages_(pages),
        page_label_(doc.page_label) {
    const double label_width = LayoutWidth(
        typesetter_->FooterLayout(PageLabel(page_label_, pages, pages), kBodyWidth).get());
    footer_ = typesetter_->FooterLayout(FooterText(doc), kBodyWidth - label_width - kFooterSpacing);
  }

  void DrawPage(const internal::PagePlan& page, int number) {
    for (const internal::PlacedUnit& placed : page.body) {
      const internal::Drawable& drawable = typesetter_->unit_drawable(placed.unit);
      Draw(drawable, kMargin, kMargin + placed.y);
      if (drawable.outline_level > 0) AddOutline(drawable, number, kMargin + placed.y);
    }
    DrawNotes(page);
    DrawFooter(number);
    cairo_show_page(cr_);
  }

 private:
  void Draw(const internal::Drawable& drawable, double x, double y) {
    for (const internal::Box& box : drawable.boxes) {
      cairo_rectangle(cr_, x + box.x, y + box.y, box.width, box.height);
      if (box.fill) {
        cairo_set_source_rgb(cr_, box.grey, box.grey, box.grey);
        cairo_fill_preserve(cr_);
      }
      if (box.stroke) Stroke(kCellBorderGrey);
      cairo_new_path(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (const internal::LineDraw& line : drawable.lines) {
      cairo_move_to(cr_, x + line.x, y + line.baseline);
      pango_cairo_show_layout_line(cr_, line.line);
    }
  }

  void Stroke(double grey) {
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_set_line_width(cr_, kRuleWidth);
    cairo_stroke(cr_);
  }

  void DrawNotes(const internal::PagePlan& page) {
    if (page.notes_end == page.notes_begin) return;
    double y = kMargin + kBodyHeight - page.notes_height;
    cairo_move_to(cr_, kMargin, y - kNoteRuleGap);
    cairo_rel_line_to(cr_, kBodyWidth / 3, 0);
    Stroke(0);
    for (int line = page.notes_begin; line < page.notes_end; ++line) {
      Draw(typesetter_->note_drawable(line), kMargin, y);
      y += typesetter_->note_heights()[line];
    }
  }

  void DrawFooter(int number) {
    const double rule_y = kPageHeight - kMargin + kFooterRuleGap;
    cairo_move_to(cr_, kMargin, rule_y);
    cairo_rel_line_to(cr_, kBodyWidth, 0);
    Stroke(kCellBorderGrey);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kMargin, rule_y + kFooterTextGap);
    pango_cairo_show_layout(cr_, footer_.get());
    internal::LayoutPtr label =
        typesetter_->FooterLayout(PageLabel(page_label_, number, pages_), kBodyWidth);
    cairo_move_to(cr_, kMargin + kBodyWidth - LayoutWidth(label.get()), rule_y + kFooterTextGap);
    pango_cairo_show_layout(cr_, label.get());
  }

  // Nests each heading under the last heading of a higher level.
  void AddOutline(const internal::Drawable& drawable, int page, double y) {
    const int level = drawable.outline_level;
    const std::string link = "page=" + std::to_string(page) + " pos=[" +
                             std::to_string(static_cast<int>(kMargin)) + " " +
                             std::to_string(static_cast<int>(y)) + "]";
    const int id = cairo_pdf_surface_add_outline(
        surface_, parents_[level - 1], drawable.outline_text.c_str(), link.c_str(),
        level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t{});
    for (int deeper = level; deeper < kOutlineLevels; ++deeper) parents_[deeper] = id;
  }

  static constexpr int kOutlineLevels = 3;
  cairo_surface_t* surface_;
  cairo_t* cr_;
  internal::Typesetter* typesetter_;
  const int pages_;
  const std::string page_label_;
  internal::LayoutPtr footer_;
  int parents_[kOutlineLevels] = {CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
                                  CAIRO_PDF_OUTLINE_ROOT};
};

void SetMetadata(cairo_surface_t* surface, const Document& doc) {
  const std::string title = internal::CleanText(doc.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "vka");
}

}  // namespace

base::Result<RenderedPdf> RenderPdf(const Document& doc) {
  VKA_RETURN_IF_ERROR(internal::ValidateDocument(doc));
  RenderedPdf out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
      AppendToString, &out.bytes, internal::kPageWidth, kPageHeight));
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  SetMetadata(surface.get(), doc);
  {
    auto context = NewContext(cr.get(), doc.lang);
    internal::Typesetter typesetter(context.get());
    typesetter.Build(doc);
    const std::vector<internal::PagePlan> pages = internal::Paginate(
        typesetter.units(), typesetter.note_heights(), {kBodyHeight, internal::kNoteSeparator});
    Painter painter(surface.get(), cr.get(), &typesetter, doc, static_cast<int>(pages.size()));
    for (size_t i = 0; i < pages.size(); ++i) painter.DrawPage(pages[i], static_cast<int>(i) + 1);
    out.pages = static_cast<int>(pages.size());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return base::InternalError(std::string("render PDF: cairo: ") + cairo_status_to_string(status));
  }
  return out;
}

base::Result<int> WritePdf(const Document& doc, const std::string& path) {
  VKA_ASSIGN_OR_RETURN(RenderedPdf pdf, RenderPdf(doc));
  VKA_RETURN_IF_ERROR(base::WriteFileAtomically(path, pdf.bytes).WithContext("write PDF"));
  return pdf.pages;
}

}  // namespace vka::report
