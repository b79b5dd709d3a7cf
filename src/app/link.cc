#include "app/link.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "app/files.h"
#include "base/csv.h"
#include "base/toml.h"
#include "linkage/evaluate.h"
#include "linkage/linker.h"

namespace vka::app {
namespace {

using base::Result;
using base::Status;
using linkage::LinkConfig;
using linkage::Table;

constexpr size_t kMaxConfigBytes = 1 << 20;

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string Stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

std::string Fixed(double x, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

// Reads one CSV into rows of trimmed cells (header first).
Result<std::vector<std::vector<std::string>>> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::filesystem::exists(path) ? base::IOError(path + ": cannot open")
                                         : base::NotFoundError(path + ": no such file");
  }
  base::CsvReader reader(in, path);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    for (std::string& cell : row) cell = Trim(cell);
    rows.push_back(row);
  }
  if (rows.empty()) return base::InvalidArgumentError(path + ": empty file (a header is needed)");
  return rows;
}

Result<std::string> GetString(const toml::table& t, std::string_view key, std::string_view origin) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::string();
  if (!n->is_string()) {
    return base::InvalidArgumentError(std::string(origin) + ": " + std::string(key) + " must be a string");
  }
  return std::string(n->as_string()->get());
}

Status CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 std::string_view origin) {
  for (const auto& [key, node] : t) {
    std::string k = base::TomlKeyText(key);
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || a == k;
    if (!ok) return base::InvalidArgumentError(std::string(origin) + ": unknown key \"" + k + "\"");
  }
  return base::OkStatus();
}

Result<double> GetNumber(const toml::table& t, std::string_view key, double fallback,
                         std::string_view origin) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  if (n->is_floating_point()) return n->as_floating_point()->get();
  return base::InvalidArgumentError(std::string(origin) + ": " + std::string(key) + " must be a number");
}

// "key(family)+year(birth_date)" -> a rule.
Result<linkage::BlockingRule> ParseRule(const std::string& text, std::string_view origin) {
  linkage::BlockingRule rule;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('+', start);
    if (end == std::string::npos) end = text.size();
    std::string part = Trim(std::string_view(text).substr(start, end - start));
    size_t open = part.find('('), close = part.rfind(')');
    if (open == std::string::npos || close != part.size() - 1 || close <= open + 1) {
      return base::InvalidArgumentError(std::string(origin) + ": blocking rule \"" + text +
                                        "\": expected transform(column)[+...]");
    }
    linkage::BlockPart p;
    VKA_ASSIGN_OR_RETURN(p.transform, linkage::ParseBlockTransform(Trim(part.substr(0, open))));
    std::string args = part.substr(open + 1, close - open - 1);
    size_t comma = args.find(',');
    p.column = Trim(args.substr(0, comma));
    if (comma != std::string::npos) p.column2 = Trim(args.substr(comma + 1));
    if ((p.transform == linkage::BlockTransform::kSortedKeys) != !p.column2.empty()) {
      return base::InvalidArgumentError(std::string(origin) + ": blocking rule \"" + text +
                                        "\": sorted_keys takes two columns, the others one");
    }
    rule.parts.push_back(std::move(p));
    start = end + 1;
  }
  return rule;
}

Result<std::vector<std::string>> GetStrings(const toml::table& t, std::string_view key,
                                            std::string_view origin) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    return base::InvalidArgumentError(std::string(origin) + ": " + std::string(key) + " must be an array of strings");
  }
  for (const toml::node& e : *a) {
    if (!e.is_string()) {
      return base::InvalidArgumentError(std::string(origin) + ": " + std::string(key) + " must hold strings");
    }
    out.emplace_back(e.as_string()->get());
  }
  return out;
}

Result<linkage::FieldSpec> ParseField(const toml::node& node, std::string_view origin) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return base::InvalidArgumentError(std::string(origin) + ": [[field]] must be a table");
  VKA_RETURN_IF_ERROR(CheckKeys(*t, {"column", "compare", "term_frequency", "also"}, origin));
  linkage::FieldSpec f;
  VKA_ASSIGN_OR_RETURN(f.column, GetString(*t, "column", origin));
  if (f.column.empty()) return base::InvalidArgumentError(std::string(origin) + ": [[field]] needs a column");
  VKA_ASSIGN_OR_RETURN(std::string compare, GetString(*t, "compare", origin));
  VKA_ASSIGN_OR_RETURN(f.kind, linkage::ParseFieldKind(compare.empty() ? "string" : compare));
  VKA_ASSIGN_OR_RETURN(f.also_column, GetString(*t, "also", origin));
  const toml::node* tf = t->get("term_frequency");
  if (tf != nullptr) {
    if (!tf->is_boolean()) return base::InvalidArgumentError(std::string(origin) + ": term_frequency must be true or false");
    f.term_frequency = tf->as_boolean()->get();
  }
  return f;
}

Result<LinkConfig> LoadConfig(const LinkRunOptions& options, const Table& table) {
  LinkConfig config;
  if (options.auto_config) {
    VKA_ASSIGN_OR_RETURN(config, linkage::ProposeConfig(table));
  } else {
    if (options.config_path.empty()) return base::InvalidArgumentError("give --config FILE or --auto");
    VKA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(options.config_path, kMaxConfigBytes));
    VKA_ASSIGN_OR_RETURN(config, ParseLinkConfig(text, options.config_path));
  }
  if (!options.write_config.empty()) {
    VKA_RETURN_IF_ERROR(WriteFileAtomically(options.write_config, LinkConfigToToml(config)));
  }
  return config;
}

std::string ModelSummary(const linkage::LinkResult& r) {
  std::ostringstream out;
  out << "blocking: " << r.blocking.candidate_pairs << " candidate pairs of "
      << static_cast<int64_t>(r.blocking.possible_pairs) << " (reduction ratio "
      << Fixed(r.blocking.ReductionRatio(), 6) << ")\n";
  for (const auto& rule : r.blocking.rules) {
    out << "  " << rule.rule << ": " << rule.pairs << " pairs";
    if (rule.skipped_blocks > 0) out << ", " << rule.skipped_blocks << " oversized blocks searched by sorted neighbourhood";
    out << "\n";
  }
  out << "model: EM " << r.em_iterations << " iterations" << (r.em_converged ? "" : " (not converged)")
      << ", match share among candidates " << Fixed(r.candidate_match_share)
      << ", prior " << Fixed(r.prior_weight, 2) << " bits\n";
  for (const auto& p : r.params) {
    out << "  " << p.name << ":";
    for (size_t l = 0; l < p.m.size(); ++l) {
      out << " [" << p.level_names[l] << " " << Fixed(p.Weight(static_cast<int>(l)), 2) << "]";
    }
    out << "\n";
  }
  return out.str();
}

Status WriteExplanations(const std::string& path, const linkage::Linker& linker,
                         const std::vector<linkage::ScoredPair>& pairs, const Table& left,
                         const Table* right, int id_left, int id_right) {
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  std::vector<std::string> header = {"a", "b", "probability", "weight", "prior", "swapped"};
  if (!pairs.empty()) {
    for (const auto& f : linker.Explain(pairs[0].a, pairs[0].b).fields) {
      header.push_back(f.field + ":level");
      header.push_back(f.field + ":weight");
    }
  }
  base::WriteCsvRow(file->stream(), header);
  const int32_t n_left = static_cast<int32_t>(left.rows.size());
  auto id = [&](int32_t r) {
    return r < n_left ? left.rows[r][id_left] : right->rows[r - n_left][id_right];
  };
  for (const auto& p : pairs) {
    linkage::PairExplanation e = linker.Explain(p.a, p.b);
    std::vector<std::string> row = {id(p.a), id(p.b), Fixed(e.probability, 6), Fixed(e.weight, 3),
                                    Fixed(e.prior_weight, 3), e.swapped ? "1" : "0"};
    for (const auto& f : e.fields) {
      row.push_back(f.level);
      row.push_back(Fixed(f.weight + f.tf_weight, 3));
    }
    base::WriteCsvRow(file->stream(), row);
  }
  return file->Commit();
}

// Maps a CSV with an id column and a label column to dense labels.
struct Labelled {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Result<Labelled> ReadLabelled(const std::string& path) {
  VKA_ASSIGN_OR_RETURN(auto rows, ReadCsvFile(path));
  Labelled l;
  l.header = rows.front();
  rows.erase(rows.begin());
  for (const auto& r : rows) {
    if (r.size() != l.header.size()) return base::InvalidArgumentError(path + ": a row has the wrong number of fields");
  }
  l.rows = std::move(rows);
  return l;
}

int Find(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// "pairs completeness X (Y of Z true pairs kept by blocking)" for a truth file.
Result<std::string> BlockingCompleteness(const std::string& truth_path, linkage::Linker& linker,
                                         const Table& left, const Table* right, int id_col) {
  VKA_ASSIGN_OR_RETURN(Labelled truth, ReadLabelled(truth_path));
  int t_id = Find(truth.header, "record_id"), t_entity = Find(truth.header, "entity_id");
  if (t_id < 0 || t_entity < 0) return base::InvalidArgumentError(truth_path + ": needs columns record_id,entity_id");
  std::unordered_map<std::string, std::string> entity;
  for (const auto& r : truth.rows) entity[r[t_id]] = r[t_entity];
  std::unordered_map<std::string, int64_t> label;
  std::vector<int64_t> labels;
  auto add = [&](const Table& t) {
    for (const auto& row : t.rows) {
      auto it = entity.find(row[id_col]);
      std::string e = it == entity.end() ? "\x01" + row[id_col] : it->second;
      labels.push_back(label.emplace(e, static_cast<int64_t>(label.size())).first->second);
    }
  };
  add(left);
  if (right != nullptr) add(*right);
  linkage::BlockingReport report;
  auto candidates = linker.CandidatePairs(&report);
  linkage::PairwiseMetrics m = linkage::PairwiseFromPairs(candidates, labels);
  if (right != nullptr) {
    // Only left-right pairs can be candidates: count true pairs so.
    const size_t n_left = left.rows.size();
    std::unordered_map<int64_t, std::pair<int64_t, int64_t>> sides;
    for (size_t i = 0; i < labels.size(); ++i) (i < n_left ? sides[labels[i]].first : sides[labels[i]].second)++;
    m.true_pairs = 0;
    for (const auto& [l, s] : sides) m.true_pairs += s.first * s.second;
  }
  return "pairs completeness " + Fixed(m.true_pairs ? double(m.correct_pairs) / m.true_pairs : 1.0) +
         " (" + std::to_string(m.correct_pairs) + " of " + std::to_string(m.true_pairs) +
         " true pairs are candidates)\n";
}

}  // namespace

Result<Table> ReadLinkTable(const std::vector<std::string>& paths) {
  if (paths.empty()) return base::InvalidArgumentError("no input files");
  Table table;
  for (size_t k = 0; k < paths.size(); ++k) {
    VKA_ASSIGN_OR_RETURN(auto rows, ReadCsvFile(paths[k]));
    if (k == 0) {
      table.columns = rows.front();
    } else if (rows.front() != table.columns) {
      return base::InvalidArgumentError(paths[k] + ": header differs from " + paths[0] + "'s");
    }
    for (size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() != table.columns.size()) {
        return base::InvalidArgumentError(paths[k] + ": record " + std::to_string(r + 1) + " has " +
                                          std::to_string(rows[r].size()) + " fields, the header " +
                                          std::to_string(table.columns.size()));
      }
      table.rows.push_back(std::move(rows[r]));
      table.source.push_back(static_cast<int32_t>(k));
    }
    table.source_names.push_back(Stem(paths[k]));
  }
  return table;
}

Result<LinkConfig> ParseLinkConfig(std::string_view toml_text, std::string_view origin) {
  VKA_ASSIGN_OR_RETURN(toml::table root, base::ParseToml(toml_text, origin));
  VKA_RETURN_IF_ERROR(CheckKeys(root,
                                {"id_column", "threshold", "cluster_min_mean_weight", "max_block_size",
                                 "random_pairs", "seed", "swap", "blocking", "field"},
                                origin));
  LinkConfig c;
  VKA_ASSIGN_OR_RETURN(c.id_column, GetString(root, "id_column", origin));
  if (c.id_column.empty()) return base::InvalidArgumentError(std::string(origin) + ": missing id_column");
  VKA_ASSIGN_OR_RETURN(c.threshold, GetNumber(root, "threshold", c.threshold, origin));
  VKA_ASSIGN_OR_RETURN(c.cluster_min_mean_weight,
                       GetNumber(root, "cluster_min_mean_weight", c.cluster_min_mean_weight, origin));
  VKA_ASSIGN_OR_RETURN(double block, GetNumber(root, "max_block_size", static_cast<double>(c.max_block_size), origin));
  c.max_block_size = static_cast<int64_t>(block);
  VKA_ASSIGN_OR_RETURN(double pairs, GetNumber(root, "random_pairs", static_cast<double>(c.random_pairs), origin));
  c.random_pairs = static_cast<int64_t>(pairs);
  VKA_ASSIGN_OR_RETURN(double seed, GetNumber(root, "seed", static_cast<double>(c.seed), origin));
  c.seed = static_cast<uint64_t>(seed);
  VKA_ASSIGN_OR_RETURN(std::vector<std::string> swap, GetStrings(root, "swap", origin));
  if (!swap.empty()) {
    if (swap.size() != 2) return base::InvalidArgumentError(std::string(origin) + ": swap names two columns");
    c.swap_first = swap[0];
    c.swap_second = swap[1];
  }
  VKA_ASSIGN_OR_RETURN(std::vector<std::string> rules, GetStrings(root, "blocking", origin));
  for (const std::string& r : rules) {
    VKA_ASSIGN_OR_RETURN(linkage::BlockingRule rule, ParseRule(r, origin));
    c.blocking.push_back(std::move(rule));
  }
  const toml::node* fields = root.get("field");
  if (fields != nullptr) {
    const toml::array* a = fields->as_array();
    if (a == nullptr) return base::InvalidArgumentError(std::string(origin) + ": field must be [[field]] tables");
    for (const toml::node& n : *a) {
      VKA_ASSIGN_OR_RETURN(linkage::FieldSpec f, ParseField(n, origin));
      c.fields.push_back(std::move(f));
    }
  }
  return c;
}

std::string LinkConfigToToml(const LinkConfig& c) {
  auto q = [](const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    return out + "\"";
  };
  std::ostringstream out;
  out << "# vka link configuration\n";
  out << "id_column = " << q(c.id_column) << "\n";
  out << "threshold = " << c.threshold << "\n";
  out << "cluster_min_mean_weight = " << c.cluster_min_mean_weight << "\n";
  out << "max_block_size = " << c.max_block_size << "\n";
  if (!c.swap_first.empty()) out << "swap = [" << q(c.swap_first) << ", " << q(c.swap_second) << "]\n";
  out << "blocking = [\n";
  for (const auto& r : c.blocking) out << "  " << q(r.Describe()) << ",\n";
  out << "]\n";
  for (const auto& f : c.fields) {
    out << "\n[[field]]\ncolumn = " << q(f.column) << "\ncompare = " << q(linkage::FieldKindName(f.kind)) << "\n";
    if (f.term_frequency) out << "term_frequency = true\n";
    if (!f.also_column.empty()) out << "also = " << q(f.also_column) << "\n";
  }
  return out.str();
}

Result<std::string> DedupeFiles(const std::vector<std::string>& inputs, const LinkRunOptions& options) {
  auto start = std::chrono::steady_clock::now();
  VKA_ASSIGN_OR_RETURN(Table table, ReadLinkTable(inputs));
  VKA_ASSIGN_OR_RETURN(LinkConfig config, LoadConfig(options, table));
  VKA_ASSIGN_OR_RETURN(auto linker, linkage::Linker::Create(config, table, nullptr));
  VKA_ASSIGN_OR_RETURN(linkage::LinkResult r, linker->Run(options.progress));
  const int id_col = table.ColumnIndex(config.id_column);
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(options.out));
  bool several = inputs.size() > 1;
  std::vector<std::string> header = {"record_id", "cluster_id"};
  if (several) header.push_back("input");
  base::WriteCsvRow(file->stream(), header);
  for (size_t i = 0; i < table.rows.size(); ++i) {
    std::vector<std::string> row = {table.rows[i][id_col], "c" + std::to_string(r.cluster[i] + 1)};
    if (several) row.push_back(table.source_names[table.source[i]]);
    base::WriteCsvRow(file->stream(), row);
  }
  VKA_RETURN_IF_ERROR(file->Commit());
  if (!options.explain.empty()) {
    VKA_RETURN_IF_ERROR(WriteExplanations(options.explain, *linker, r.accepted, table, nullptr, id_col, id_col));
  }
  std::string completeness;
  if (!options.truth.empty()) {
    VKA_ASSIGN_OR_RETURN(completeness, BlockingCompleteness(options.truth, *linker, table, nullptr, id_col));
  }
  int64_t clusters = 0;
  for (int32_t c : r.cluster) clusters = std::max<int64_t>(clusters, c + 1);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostringstream out;
  out << table.rows.size() << " records, " << clusters << " clusters, " << r.accepted.size()
      << " accepted pairs (" << Fixed(seconds, 2) << " s)\n"
      << ModelSummary(r) << completeness;
  return out.str();
}

Result<std::string> MatchFiles(const std::string& left_path, const std::string& right_path,
                               bool one_to_one, const LinkRunOptions& options) {
  auto start = std::chrono::steady_clock::now();
  VKA_ASSIGN_OR_RETURN(Table left, ReadLinkTable({left_path}));
  VKA_ASSIGN_OR_RETURN(Table right, ReadLinkTable({right_path}));
  if (left.columns != right.columns) {
    return base::InvalidArgumentError(right_path + ": header differs from " + left_path + "'s");
  }
  // --auto looks at both lists together.
  Table both = left;
  both.rows.insert(both.rows.end(), right.rows.begin(), right.rows.end());
  VKA_ASSIGN_OR_RETURN(LinkConfig config, LoadConfig(options, both));
  both = Table();
  VKA_ASSIGN_OR_RETURN(auto linker, linkage::Linker::Create(config, left, &right));
  VKA_ASSIGN_OR_RETURN(linkage::LinkResult r, linker->Run(options.progress, one_to_one));
  const int id_col = left.ColumnIndex(config.id_column);
  const int32_t n_left = static_cast<int32_t>(left.rows.size());
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(options.out));
  base::WriteCsvRow(file->stream(), {"left_id", "right_id", "match_probability"});
  for (const auto& p : r.accepted) {
    base::WriteCsvRow(file->stream(), {left.rows[p.a][id_col], right.rows[p.b - n_left][id_col],
                                       Fixed(p.probability, 6)});
  }
  VKA_RETURN_IF_ERROR(file->Commit());
  if (!options.explain.empty()) {
    VKA_RETURN_IF_ERROR(WriteExplanations(options.explain, *linker, r.accepted, left, &right, id_col, id_col));
  }
  std::string completeness;
  if (!options.truth.empty()) {
    VKA_ASSIGN_OR_RETURN(completeness, BlockingCompleteness(options.truth, *linker, left, &right, id_col));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostringstream out;
  out << left.rows.size() << " x " << right.rows.size() << " records, " << r.accepted.size()
      << " accepted pairs (" << Fixed(seconds, 2) << " s)\n"
      << ModelSummary(r) << completeness;
  return out.str();
}

Result<std::string> EvaluateLinkage(const std::string& predicted_path, const std::string& truth_path) {
  VKA_ASSIGN_OR_RETURN(Labelled truth, ReadLabelled(truth_path));
  int t_id = Find(truth.header, "record_id"), t_entity = Find(truth.header, "entity_id");
  if (t_id < 0 || t_entity < 0) return base::InvalidArgumentError(truth_path + ": needs columns record_id,entity_id");
  VKA_ASSIGN_OR_RETURN(Labelled pred, ReadLabelled(predicted_path));
  std::unordered_map<std::string, int32_t> index;  // record id -> dense index
  std::unordered_map<std::string, int64_t> entity_label;
  std::vector<int64_t> truth_labels;
  for (const auto& r : truth.rows) {
    auto [it, added] = entity_label.emplace(r[t_entity], static_cast<int64_t>(entity_label.size()));
    if (!index.emplace(r[t_id], static_cast<int32_t>(truth_labels.size())).second) {
      return base::InvalidArgumentError(truth_path + ": record " + r[t_id] + " appears twice");
    }
    truth_labels.push_back(it->second);
  }
  std::ostringstream out;
  int p_left = Find(pred.header, "left_id"), p_right = Find(pred.header, "right_id");
  if (p_left >= 0 && p_right >= 0) {
    std::vector<std::pair<int32_t, int32_t>> pairs;
    int64_t unknown = 0;
    for (const auto& r : pred.rows) {
      auto a = index.find(r[p_left]), b = index.find(r[p_right]);
      if (a == index.end() || b == index.end()) {
        ++unknown;
        continue;
      }
      pairs.emplace_back(a->second, b->second);
    }
    // Only pairs across the two sides are possible: count true pairs so.
    std::unordered_map<int32_t, int> side;
    for (const auto& [a, b] : pairs) side[a] |= 1, side[b] |= 2;
    linkage::PairwiseMetrics m = linkage::PairwiseFromPairs(pairs, truth_labels);
    out << "pairs: " << m.predicted_pairs << " predicted, " << m.correct_pairs << " correct, "
        << m.true_pairs << " true (all pairs of the truth file)\n";
    if (unknown) out << "warning: " << unknown << " pairs name records absent from the truth file\n";
    out << "precision " << Fixed(m.precision) << "\nrecall " << Fixed(m.recall) << "\nf1 " << Fixed(m.f1) << "\n";
    return out.str();
  }
  int c_id = Find(pred.header, "record_id"), c_cluster = Find(pred.header, "cluster_id");
  if (c_id < 0 || c_cluster < 0) {
    return base::InvalidArgumentError(predicted_path + ": needs columns record_id,cluster_id (or left_id,right_id)");
  }
  std::unordered_map<std::string, int64_t> cluster_label;
  std::vector<int64_t> predicted(truth_labels.size(), -1);
  int64_t unknown = 0;
  for (const auto& r : pred.rows) {
    auto it = index.find(r[c_id]);
    if (it == index.end()) {
      ++unknown;
      continue;
    }
    predicted[it->second] = cluster_label.emplace(r[c_cluster], static_cast<int64_t>(cluster_label.size())).first->second;
  }
  // Records of the truth not in the clusters file are left out.
  std::vector<int64_t> p, t;
  for (size_t i = 0; i < predicted.size(); ++i) {
    if (predicted[i] >= 0) p.push_back(predicted[i]), t.push_back(truth_labels[i]);
  }
  linkage::PairwiseMetrics m = linkage::PairwiseFromClusters(p, t);
  linkage::ClusterMetrics c = linkage::ClusterLevel(p, t);
  out << "records: " << c.records << " evaluated";
  if (unknown) out << " (" << unknown << " absent from the truth file, ignored)";
  out << "\npairs: " << m.predicted_pairs << " predicted, " << m.correct_pairs << " correct, " << m.true_pairs << " true\n";
  out << "precision " << Fixed(m.precision) << "\nrecall " << Fixed(m.recall) << "\nf1 " << Fixed(m.f1) << "\n";
  out << "clusters: " << c.predicted_clusters << " predicted, " << c.true_entities << " true entities, "
      << c.exact_clusters << " exactly right\n";
  out << "b-cubed precision " << Fixed(c.b3_precision) << ", recall " << Fixed(c.b3_recall) << ", f1 "
      << Fixed(c.b3_f1) << "\n";
  return out.str();
}

Result<std::string> WriteOverlapTable(const std::string& clusters_path, const std::string& out_path) {
  VKA_ASSIGN_OR_RETURN(Labelled c, ReadLabelled(clusters_path));
  int c_cluster = Find(c.header, "cluster_id");
  int c_list = Find(c.header, "input");
  if (c_list < 0) c_list = Find(c.header, "list");
  if (c_cluster < 0 || c_list < 0) {
    return base::InvalidArgumentError(clusters_path + ": needs columns cluster_id and input (or list)");
  }
  std::vector<std::string> lists;
  std::unordered_map<std::string, int32_t> list_index;
  std::unordered_map<std::string, int64_t> cluster_label;
  std::vector<int64_t> cluster;
  std::vector<int32_t> list;
  for (const auto& r : c.rows) {
    auto [it, added] = list_index.emplace(r[c_list], static_cast<int32_t>(lists.size()));
    if (added) lists.push_back(r[c_list]);
    list.push_back(it->second);
    cluster.push_back(cluster_label.emplace(r[c_cluster], static_cast<int64_t>(cluster_label.size())).first->second);
  }
  std::vector<linkage::OverlapRow> rows = linkage::OverlapTable(cluster, list, static_cast<int32_t>(lists.size()));
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(out_path));
  std::vector<std::string> header = lists;
  header.push_back("count");
  base::WriteCsvRow(file->stream(), header);
  int64_t persons = 0;
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (uint8_t b : row.in_list) cells.push_back(b ? "1" : "0");
    cells.push_back(std::to_string(row.count));
    persons += row.count;
    base::WriteCsvRow(file->stream(), cells);
  }
  VKA_RETURN_IF_ERROR(file->Commit());
  return std::to_string(lists.size()) + " lists, " + std::to_string(persons) + " distinct persons, " +
         std::to_string(rows.size()) + " patterns\n";
}

}  // namespace vka::app
