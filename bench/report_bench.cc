// Benchmark of the report renderers (BENCHMARKS.md): a ~300-page dossier
// (numbered headings, justified paragraphs with footnotes, bullets, a long
// table with footnoted rows and long excerpts, Armenian and Cyrillic names)
// written as PDF (cairo + Pango, with page breaking and font subsetting) and
// as HTML. Target: the 300-page PDF in well under 30 s on 2 cores.
// Run: build/bench/report_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "report/document.h"
#include "report/html.h"
#include "report/pdf.h"

namespace vka::report {
namespace {

constexpr const char* kNames[] = {"Հովհաննիսյան Արմեն", "Оганесян Армен",     "Պետրոսյան Անահիտ",
                                  "Петросян Анаит",     "Hovhannisyan Armen", "Sargsyan Lilit"};
constexpr int kSections = 20;
constexpr int kSubsections = 4;
constexpr int kParagraphs = 8;
constexpr int kTableRows = 2200;

std::string Sentences(int seed, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "On the " + std::to_string(1 + (seed + i) % 28) + "th the witness saw " +
            kNames[(seed + i) % 6] + " taken from the house near the school; ";
  }
  return text + "the account is consistent with two other statements.";
}

Document Dossier() {
  DocumentBuilder b("Dossier 17: Events in the northern district", "Synthetic benchmark data");
  b.Footer("SYNTHETIC DATA");
  int n = 0;
  for (int s = 0; s < kSections; ++s) {
    b.H1("Section " + std::to_string(s + 1) + ": " + kNames[s % 6]);
    for (int u = 0; u < kSubsections; ++u) {
      b.H2("Incidents reported by " + std::string(kNames[(s + u) % 6]));
      for (int p = 0; p < kParagraphs; ++p, ++n) {
        b.P(Sentences(n, 6),
            {"Statement W-" + std::to_string(n) + ", recorded in Yerevan; " + Sentences(n + 1, 1)});
      }
      b.Bullet("Source: list " + std::to_string(u) + " (" + kNames[u % 6] + ")",
               {"List provenance " + std::to_string(n)});
    }
  }
  Table table;
  table.header = {"No.", "Name", "Date", "Excerpt"};
  table.widths = {0.6, 2, 1.2, 5};
  for (int r = 0; r < kTableRows; ++r) {
    table.rows.push_back({std::to_string(r + 1), kNames[r % 6],
                          "1990-01-" + std::to_string(1 + r % 28),
                          r % 50 == 0 ? Sentences(r, 25) : Sentences(r, 1)});
    table.row_notes.push_back(r % 7 == 0
                                  ? std::vector<std::string>{"Row source " + std::to_string(r)}
                                  : std::vector<std::string>{});
  }
  b.H1("Annex: persons named").AddTable(table, "Table A.1: persons named in statements");
  return b.Build();
}

void BM_WritePdf(benchmark::State& state) {
  const Document doc = Dossier();
  const std::string path = (std::filesystem::temp_directory_path() / "report_bench.pdf").string();
  int pages = 0;
  for (auto _ : state) {
    auto written = WritePdf(doc, path);
    if (!written.ok()) state.SkipWithError(written.status().ToString().c_str());
    pages = written.ok() ? *written : 0;
  }
  state.counters["pages"] = pages;
  state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(path));
  std::remove(path.c_str());
}
BENCHMARK(BM_WritePdf)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_WriteHtml(benchmark::State& state) {
  const Document doc = Dossier();
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    if (!WriteHtml(doc, out).ok()) state.SkipWithError("WriteHtml failed");
    bytes = out.str().size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_WriteHtml)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace vka::report

BENCHMARK_MAIN();
