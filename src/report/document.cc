#include "report/document.h"

#include <utility>

namespace vka::report {

DocumentBuilder::DocumentBuilder(std::string title, std::string subtitle) {
  doc_.title = std::move(title);
  doc_.subtitle = std::move(subtitle);
}

DocumentBuilder& DocumentBuilder::Lang(std::string lang) {
  doc_.lang = std::move(lang);
  return *this;
}

DocumentBuilder& DocumentBuilder::Footer(std::string footer) {
  doc_.footer = std::move(footer);
  return *this;
}

DocumentBuilder& DocumentBuilder::PageLabel(std::string page_label) {
  doc_.page_label = std::move(page_label);
  return *this;
}

DocumentBuilder& DocumentBuilder::H1(std::string text, std::vector<std::string> notes) {
  return Add(Block::Type::kHeading1, std::move(text), std::move(notes));
}

DocumentBuilder& DocumentBuilder::H2(std::string text, std::vector<std::string> notes) {
  return Add(Block::Type::kHeading2, std::move(text), std::move(notes));
}

DocumentBuilder& DocumentBuilder::H3(std::string text, std::vector<std::string> notes) {
  return Add(Block::Type::kHeading3, std::move(text), std::move(notes));
}

DocumentBuilder& DocumentBuilder::P(std::string text, std::vector<std::string> notes) {
  return Add(Block::Type::kParagraph, std::move(text), std::move(notes));
}

DocumentBuilder& DocumentBuilder::Bullet(std::string text, std::vector<std::string> notes) {
  return Add(Block::Type::kBullet, std::move(text), std::move(notes));
}

DocumentBuilder& DocumentBuilder::Pre(std::string text) {
  return Add(Block::Type::kPreformatted, std::move(text), {});
}

DocumentBuilder& DocumentBuilder::AddTable(Table table, std::string caption,
                                           std::vector<std::string> notes) {
  Add(Block::Type::kTable, std::move(caption), std::move(notes));
  doc_.blocks.back().table = std::move(table);
  return *this;
}

DocumentBuilder& DocumentBuilder::PageBreak() { return Add(Block::Type::kPageBreak, "", {}); }

Document DocumentBuilder::Build() { return std::exchange(doc_, Document{}); }

DocumentBuilder& DocumentBuilder::Add(Block::Type type, std::string text,
                                      std::vector<std::string> notes) {
  Block block;
  block.type = type;
  block.text = std::move(text);
  block.notes = std::move(notes);
  doc_.blocks.push_back(std::move(block));
  return *this;
}

}  // namespace vka::report
