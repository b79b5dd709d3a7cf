#include "app/record_writer.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "app/claims_checks.h"
#include "app/log.h"
#include "base/clock.h"
#include "evidence/leaf.h"
#include "model/schema.h"

namespace vka::app {
namespace {

constexpr size_t kSaltBytes = 32;

// Salts come from OpenSSL's CSPRNG, drawn a few hundred at a time per thread:
// one RAND_bytes call per record cost ~6% of a bulk import.
std::string NewSalt() {
  constexpr size_t kBufferedSalts = 256;
  thread_local unsigned char buffer[kSaltBytes * kBufferedSalts];
  thread_local size_t used = sizeof(buffer);
  if (used == sizeof(buffer)) {
    if (RAND_bytes(buffer, sizeof(buffer)) != 1) {
      std::abort();  // no randomness from the OS: cannot make commitments safely
    }
    used = 0;
  }
  std::string salt(reinterpret_cast<const char*>(buffer + used), kSaltBytes);
  OPENSSL_cleanse(buffer + used, kSaltBytes);  // a salt is handed out once
  used += kSaltBytes;
  return salt;
}

// A revision's leaf: custody events have their own leaf type so that the
// log shows what kind of thing each leaf commits to (docs/formats/log.md).
std::string LeafFor(model::Kind kind, const std::string& salt, const std::string& body) {
  evidence::Hash commitment = evidence::SaltedCommitment(salt, body);
  return kind == model::Kind::kCustodyEvent ? evidence::CustodyEventLeaf(commitment)
                                            : evidence::RevisionLeaf(commitment);
}

model::FieldError Err(std::string path, std::string value, std::string message) {
  return {std::move(path), std::move(value), std::move(message)};
}

}  // namespace

base::Result<std::unique_ptr<RecordWriter>> RecordWriter::Begin(Workspace& ws,
                                                                ChangeContext context) {
  auto writer = std::unique_ptr<RecordWriter>(new RecordWriter(ws, std::move(context)));
  VKA_ASSIGN_OR_RETURN(writer->txn_, ws.store().Begin());
  writer->at_ = base::NowRfc3339();
  return writer;
}

base::Result<bool> RecordWriter::IsLive(const std::string& id) {
  if (created_.count(id) != 0) return true;
  VKA_ASSIGN_OR_RETURN(auto latest, txn_->Latest(id));
  return latest.has_value() && !latest->deleted;
}

base::Status RecordWriter::CheckReferences(const std::vector<model::Reference>& refs,
                                           const std::string& id, const std::string& origin,
                                           std::vector<model::FieldError>& errors) {
  for (const auto& ref : refs) {
    if (ref.target_id == id) {
      errors.push_back(Err(ref.path, ref.target_id, "a record cannot refer to itself"));
      continue;
    }
    VKA_ASSIGN_OR_RETURN(bool live, IsLive(ref.target_id));
    if (!live) deferred_.push_back({origin, id, ref.path, ref.target_id});
  }
  return base::OkStatus();
}

base::Status RecordWriter::AppendRevision(const std::string& id, model::Kind kind, int64_t rev,
                                          std::string body, std::string salt, bool deleted,
                                          std::string leaf_entry,
                                          std::shared_ptr<const storage::PreparedBody> sealed) {
  storage::Revision r;
  r.id = id;
  r.kind = kind;
  r.rev = rev;
  r.at = at_;
  r.by = context_.actor;
  r.reason = context_.reason;
  r.body = std::move(body);
  r.salt = std::move(salt);
  r.deleted = deleted;
  r.prepared = std::move(sealed);
  VKA_RETURN_IF_ERROR(txn_->Append(r));
  // The log leaf goes in the same transaction (app/log.h: write order).
  if (leaf_entry.empty()) {
    leaf_entry = LeafFor(kind, r.salt, r.body);
  }
  VKA_RETURN_IF_ERROR(txn_->AppendLeaf(leaf_entry, id + "@" + std::to_string(rev)).status());
  ++written_;
  return base::OkStatus();
}

PreparedRecord PrepareRecord(base::Json body, const model::VocabularySet& vocab,
                             const storage::BodySealer* sealer) {
  PreparedRecord out;
  if (body.is_object() && body.contains("kind") && body["kind"].is_string()) {
    out.kind = body["kind"].get<std::string>();
    auto kind = model::ParseKindName(out.kind);
    if (!kind.ok()) out.kind.clear();
    if (kind.ok() && !body.contains("id")) body["id"] = model::NewId(*kind);
  }
  base::Json normal = model::Normalize(std::move(body));
  model::ValidationResult v = model::Validate(normal, vocab);
  out.errors = std::move(v.errors);
  if (out.errors.empty()) AppendClaimErrors(normal, out.errors);
  if (!out.errors.empty()) return out;
  out.id = normal["id"].get<std::string>();
  out.references = std::move(v.references);
  auto canonical = base::CanonicalJson(normal);
  if (!canonical.ok()) {
    out.errors.push_back(Err("", "", canonical.status().message()));
    return out;
  }
  out.canonical = std::move(*canonical);
  out.salt = NewSalt();
  auto kind = model::KindOfId(out.id);  // valid: the body passed validation
  out.leaf_entry = LeafFor(kind.value_or(model::Kind::kPerson), out.salt, out.canonical);
  if (sealer != nullptr && kind) out.sealed = sealer->Prepare(out.id, *kind, 1, out.canonical);
  return out;
}

base::Result<WriteOutcome> RecordWriter::Create(base::Json body, const std::string& origin) {
  return CreatePrepared(PrepareRecord(std::move(body), ws_.vocab()), origin);
}

base::Result<WriteOutcome> RecordWriter::CreatePrepared(PreparedRecord prepared,
                                                        const std::string& origin) {
  WriteOutcome out;
  out.errors = std::move(prepared.errors);
  if (!out.ok()) return out;
  out.id = std::move(prepared.id);
  if (created_.count(out.id) != 0) {
    out.errors.push_back(Err("id", out.id, "duplicate id: the same id appears twice in this input"));
    return out;
  }
  VKA_RETURN_IF_ERROR(CheckReferences(prepared.references, out.id, origin, out.errors));
  if (!out.ok()) return out;
  auto kind = *model::KindOfId(out.id);
  // The store refuses a second revision 1: that is how an id already in the
  // workspace shows, without a lookup of our own.
  base::Status appended = AppendRevision(out.id, kind, 1, std::move(prepared.canonical),
                                         std::move(prepared.salt), false,
                                         std::move(prepared.leaf_entry), std::move(prepared.sealed));
  if (appended.code() == base::StatusCode::kAlreadyExists) {
    out.errors.push_back(Err("id", out.id, "a record with this id already exists in the workspace (use `vka edit` to change it)"));
    return out;
  }
  VKA_RETURN_IF_ERROR(appended);
  created_.insert(out.id);
  out.rev = 1;
  return out;
}

base::Result<WriteOutcome> RecordWriter::Update(const std::string& id, base::Json body) {
  WriteOutcome out;
  out.id = id;
  VKA_ASSIGN_OR_RETURN(auto latest, txn_->Latest(id));
  if (!latest.has_value() || latest->deleted) {
    return base::NotFoundError("no record " + id + (latest ? " (it was deleted)" : ""));
  }
  base::Json normal = model::Normalize(std::move(body));
  model::ValidationResult v = model::Validate(normal, ws_.vocab());
  out.errors = std::move(v.errors);
  if (out.ok() && normal["id"] != id) {
    out.errors.push_back(Err("id", normal["id"].dump(), "the id of a record cannot change"));
  }
  if (out.ok()) AppendClaimErrors(normal, out.errors);
  if (!out.ok()) return out;
  VKA_RETURN_IF_ERROR(CheckReferences(v.references, id, id, out.errors));
  if (!out.ok()) return out;
  VKA_ASSIGN_OR_RETURN(std::string canonical, base::CanonicalJson(normal));
  if (canonical == latest->body) {
    out.errors.push_back(Err("", "", "nothing to change: the result equals revision " +
                                         std::to_string(latest->rev)));
    return out;
  }
  out.rev = latest->rev + 1;
  VKA_RETURN_IF_ERROR(AppendRevision(id, latest->kind, out.rev, std::move(canonical), NewSalt(), false));
  return out;
}

base::Result<WriteOutcome> RecordWriter::Delete(const std::string& id) {
  WriteOutcome out;
  out.id = id;
  VKA_ASSIGN_OR_RETURN(auto latest, txn_->Latest(id));
  if (!latest.has_value()) return base::NotFoundError("no record " + id);
  if (latest->deleted) return base::NotFoundError(id + " is already deleted");
  out.rev = latest->rev + 1;
  VKA_RETURN_IF_ERROR(AppendRevision(id, latest->kind, out.rev, latest->body, NewSalt(), true));
  return out;
}

base::Result<std::vector<DanglingReference>> RecordWriter::Finish() {
  std::vector<DanglingReference> dangling;
  for (auto& ref : deferred_) {
    VKA_ASSIGN_OR_RETURN(bool live, IsLive(ref.target_id));
    if (!live) dangling.push_back(std::move(ref));
  }
  deferred_.clear();
  return dangling;
}

base::Status RecordWriter::Commit() {
  VKA_RETURN_IF_ERROR(txn_->Commit());
  auto published = PublishLog(ws_);
  if (!published.ok()) {
    return published.status().WithContext(
        "the changes are saved, but the transparency log could not be updated (the next "
        "write or `vka log checkpoint` retries)");
  }
  return base::OkStatus();
}

base::Status RecordWriter::PutEvidenceFile(const storage::EvidenceFile& file,
                                           const std::string& entry, const std::string& ref) {
  VKA_RETURN_IF_ERROR(txn_->PutEvidenceFile(file));
  return txn_->AppendLeaf(entry, ref).status();
}

base::Result<base::Json> ParseFieldValue(model::Kind kind, const std::string& path,
                                         const std::string& text) {
  const model::FieldSpec* spec = nullptr;
  std::span<const model::FieldSpec> level = model::SchemaOf(kind).fields;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    spec = start == 0 ? model::FindField(kind, part) : nullptr;
    if (start != 0) {
      for (const auto& m : level) {
        if (m.name == part) spec = &m;
      }
    }
    if (spec == nullptr) {
      return base::InvalidArgumentError("unknown field \"" + path + "\" for a " +
                                        std::string(model::KindName(kind)));
    }
    if (dot == std::string::npos) break;
    level = spec->members;
    start = dot + 1;
  }
  auto as_json = [&]() -> base::Result<base::Json> {
    auto parsed = base::ParseJsonStrict(text);
    if (!parsed.ok()) {
      return base::InvalidArgumentError("field " + path + " takes JSON here: " +
                                        parsed.status().message());
    }
    return parsed;
  };
  if (spec->repeated || spec->type == model::FieldType::kObject) return as_json();
  switch (spec->type) {
    case model::FieldType::kInteger:
    case model::FieldType::kNumber:
    case model::FieldType::kBoolean: return as_json();
    default: return base::Json(text);
  }
}

}  // namespace vka::app
