#include "storage/internal/sealer.h"

#include <algorithm>
#include <utility>

namespace vka::storage::internal {
namespace {

// Rows handled per statement during rotation: bounded memory, and no
// statement is stepping over a table while it is being written.
constexpr int kRotationBatch = 256;

constexpr std::string_view kSelectValues =
    "SELECT path, key_id, nonce, ciphertext FROM sealed_values WHERE id = ?1 AND rev = ?2 "
    "ORDER BY path";
constexpr std::string_view kInsertValue =
    "INSERT INTO sealed_values(id, rev, path, key_id, nonce, ciphertext) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kSelectKeyCheck = "SELECT key_check FROM data_keys WHERE id = ?1";
constexpr std::string_view kSelectCurrentKey =
    "SELECT id FROM data_keys WHERE retired_at IS NULL";
constexpr std::string_view kSelectKeys =
    "SELECT k.id, k.created_at, coalesce(k.retired_at, ''), "
    "(SELECT count(*) FROM sealed_values v WHERE v.key_id = k.id) "
    "FROM data_keys k ORDER BY k.created_at, k.id";
constexpr std::string_view kRetireKeys =
    "UPDATE data_keys SET retired_at = ?1 WHERE retired_at IS NULL";
constexpr std::string_view kInsertKey =
    "INSERT INTO data_keys(id, key_check, created_at) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectOldValues =
    "SELECT id, rev, path, key_id, nonce, ciphertext FROM sealed_values WHERE key_id <> ?1 "
    "LIMIT ?2";
constexpr std::string_view kUpdateValue =
    "UPDATE sealed_values SET key_id = ?1, nonce = ?2, ciphertext = ?3 "
    "WHERE id = ?4 AND rev = ?5 AND path = ?6";
// Revisions after (?1, ?2) without placeholders; the kind is filtered in C++.
constexpr std::string_view kSelectPlainRevisions =
    "SELECT id, rev, kind, body FROM revisions WHERE (id, rev) > (?1, ?2) "
    "AND instr(body, ?3) = 0 ORDER BY id, rev LIMIT ?4";
constexpr std::string_view kUpdateBody =
    "UPDATE revisions SET body = ?1 WHERE id = ?2 AND rev = ?3";

std::string RevisionName(const std::string& id, int64_t rev) {
  return "revision " + std::to_string(rev) + " of " + id;
}

bool HasSensitiveFields(model::Kind kind) {
  const auto& kinds = KindsWithSensitiveFields();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// A revision found in clear during rotation.
struct PlainRevision {
  std::string id;
  int64_t rev = 0;
  SplitBody split;
};

}  // namespace

base::Status Sealer::Prepare() {
  VKA_ASSIGN_OR_RETURN(select_values_, Statement::Prepare(conn_, kSelectValues));
  VKA_ASSIGN_OR_RETURN(insert_value_, Statement::Prepare(conn_, kInsertValue));
  return base::OkStatus();
}

base::Result<const DataKey*> Sealer::KeyById(const std::string& id) {
  if (auto it = keys_.find(id); it != keys_.end()) return &it->second;
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, kSelectKeyCheck));
  stmt.BindText(1, id);
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read data key check"));
  if (!row) {
    return base::DataLossError("data key " + id + " is not registered in the workspace database");
  }
  const std::string check = stmt.ColumnBlob(0);
  if (!loader_) {
    return base::FailedPreconditionError("data key " + id +
                                         " is needed to read or write sensitive fields, but the "
                                         "store was opened without data keys");
  }
  VKA_ASSIGN_OR_RETURN(DataKey key, loader_(id));
  if (key.id != id) return base::DataLossError("the file of data key " + id + " names key " + key.id);
  if (KeyCheck(key) != check) {
    return base::FailedPreconditionError(
        "the file of data key " + id +
        " holds a different key from the one this workspace's values were sealed with");
  }
  return &keys_.emplace(id, std::move(key)).first->second;
}

base::Result<const DataKey*> Sealer::CurrentKey() {
  if (!current_) {
    VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, kSelectCurrentKey));
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read current data key"));
    current_ = row ? stmt.ColumnText(0) : "";
  }
  if (current_->empty()) {
    return base::FailedPreconditionError(
        "this workspace has no data key to encrypt sensitive fields with (it was created by an "
        "older vka): run `vka keys rotate` once to create one");
  }
  return KeyById(*current_);
}

base::Result<SealedRevision> SealBody(const std::string& id, model::Kind kind, int64_t rev,
                                      const std::string& body,
                                      const std::function<base::Result<const DataKey*>()>& key) {
  SealedRevision out;
  if (!HasSensitiveFields(kind)) {
    if (HasPlaceholder(body)) {
      return base::InvalidArgumentError(RevisionName(id, rev) +
                                        ": the body holds the reserved text \"\\u0000vka-sealed:\"");
    }
    return out;
  }
  auto split = SplitSensitive(kind, body);
  if (!split.ok()) return split.status().WithContext(RevisionName(id, rev));
  if (split->values.empty()) return out;
  VKA_ASSIGN_OR_RETURN(const DataKey* current, key());
  out.stored = std::move(split->stored);
  for (auto& [path, text] : split->values) {
    out.values.push_back(SealValue(*current, id, rev, std::move(path), text));
  }
  return out;
}

namespace {

class WorkerSealer final : public BodySealer {
 public:
  explicit WorkerSealer(std::optional<DataKey> key) : key_(std::move(key)) {}

  std::shared_ptr<const PreparedBody> Prepare(const std::string& id, model::Kind kind, int64_t rev,
                                              const std::string& body) const override {
    auto key = [this]() -> base::Result<const DataKey*> {
      if (!key_) return base::FailedPreconditionError("no data key");
      return &*key_;
    };
    auto sealed = SealBody(id, kind, rev, body, key);
    if (!sealed.ok()) return nullptr;
    auto out = std::make_shared<PresealedBody>();
    out->id = id;
    out->kind = kind;
    out->rev = rev;
    out->body = body;
    if (!sealed->values.empty()) out->key_id = key_->id;
    out->sealed = std::move(*sealed);
    return out;
  }

 private:
  const std::optional<DataKey> key_;
};

}  // namespace

base::Result<SealedRevision> Sealer::Seal(const Revision& rev) {
  return SealBody(rev.id, rev.kind, rev.rev, rev.body, [this] { return CurrentKey(); });
}

base::Result<SealedRevision> Sealer::SealOrTakePrepared(const Revision& rev) {
  const auto* pre = dynamic_cast<const PresealedBody*>(rev.prepared.get());
  if (pre != nullptr && pre->id == rev.id && pre->kind == rev.kind && pre->rev == rev.rev &&
      pre->body == rev.body) {
    if (pre->sealed.values.empty()) return SealedRevision{};
    auto current = CurrentKey();
    if (current.ok() && (*current)->id == pre->key_id) return pre->sealed;
  }
  return Seal(rev);
}

std::shared_ptr<const BodySealer> Sealer::ForWorkers() {
  auto current = CurrentKey();
  return std::make_shared<WorkerSealer>(current.ok() ? std::optional<DataKey>(**current)
                                                     : std::nullopt);
}

base::Status Sealer::Write(const std::string& id, int64_t rev,
                           const std::vector<SealedValue>& values) {
  Statement& insert = *insert_value_;
  for (const SealedValue& value : values) {
    ScopedReset reset(insert);
    insert.BindText(1, id);
    insert.BindInt64(2, rev);
    insert.BindText(3, value.path);
    insert.BindText(4, value.key_id);
    insert.BindBlob(5, value.nonce);
    insert.BindBlob(6, value.ciphertext);
    VKA_RETURN_IF_ERROR(insert.Run("write sealed value"));
  }
  return base::OkStatus();
}

base::Result<std::vector<SealedValue>> Sealer::ReadValues(const std::string& id, int64_t rev) {
  Statement& stmt = *select_values_;
  ScopedReset reset(stmt);
  stmt.BindText(1, id);
  stmt.BindInt64(2, rev);
  std::vector<SealedValue> out;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read sealed values"));
    if (!row) return out;
    out.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnBlob(2), stmt.ColumnBlob(3)});
  }
}

base::Status Sealer::Unseal(Revision& rev) {
  if (!HasPlaceholder(rev.body)) return base::OkStatus();
  const std::string what = RevisionName(rev.id, rev.rev);
  VKA_ASSIGN_OR_RETURN(std::vector<SealedValue> values, ReadValues(rev.id, rev.rev));
  std::vector<std::pair<std::string, std::string>> opened;
  for (const SealedValue& value : values) {
    auto key = KeyById(value.key_id);
    if (!key.ok()) return key.status().WithContext("read " + what);
    VKA_ASSIGN_OR_RETURN(std::string text, OpenValue(**key, rev.id, rev.rev, value, what));
    opened.emplace_back(value.path, std::move(text));
  }
  VKA_ASSIGN_OR_RETURN(rev.body, Splice(rev.body, opened, what));
  return base::OkStatus();
}

base::Result<std::vector<DataKeyInfo>> Sealer::Keys() {
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, kSelectKeys));
  std::vector<DataKeyInfo> out;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("list data keys"));
    if (!row) return out;
    out.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2), stmt.ColumnInt64(3)});
  }
}

base::Status Sealer::RegisterKey(const DataKey& key, const std::string& at,
                                 std::vector<std::string>& retired) {
  if (!IsValidDataKeyId(key.id)) {
    return base::InvalidArgumentError("invalid data key id \"" + key.id + "\"");
  }
  {
    VKA_ASSIGN_OR_RETURN(Statement current, Statement::Prepare(conn_, kSelectCurrentKey));
    VKA_ASSIGN_OR_RETURN(bool row, current.Step("read current data key"));
    if (row) retired.push_back(current.ColumnText(0));
  }
  VKA_ASSIGN_OR_RETURN(Statement retire, Statement::Prepare(conn_, kRetireKeys));
  retire.BindText(1, at);
  VKA_RETURN_IF_ERROR(retire.Run("retire data key"));
  VKA_ASSIGN_OR_RETURN(Statement insert, Statement::Prepare(conn_, kInsertKey));
  const std::string check = KeyCheck(key);
  insert.BindText(1, key.id);
  insert.BindBlob(2, check);
  insert.BindText(3, at);
  VKA_RETURN_IF_ERROR(insert.Run("register data key"));
  keys_.insert_or_assign(key.id, key);
  current_ = key.id;
  return base::OkStatus();
}

base::Result<int64_t> Sealer::ResealBatch(const DataKey& key) {
  std::vector<std::pair<int64_t, SealedValue>> batch;  // (rev, value); ids beside
  std::vector<std::string> ids;
  {
    VKA_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(conn_, kSelectOldValues));
    select.BindText(1, key.id);
    select.BindInt64(2, kRotationBatch);
    while (true) {
      VKA_ASSIGN_OR_RETURN(bool row, select.Step("read sealed values to re-encrypt"));
      if (!row) break;
      ids.push_back(select.ColumnText(0));
      batch.push_back({select.ColumnInt64(1), {select.ColumnText(2), select.ColumnText(3),
                                               select.ColumnBlob(4), select.ColumnBlob(5)}});
    }
  }
  VKA_ASSIGN_OR_RETURN(Statement update, Statement::Prepare(conn_, kUpdateValue));
  for (size_t idx = 0; idx < batch.size(); ++idx) {
    const auto& [rev, old_value] = batch[idx];
    const std::string what = RevisionName(ids[idx], rev);
    auto old_key = KeyById(old_value.key_id);
    if (!old_key.ok()) return old_key.status().WithContext("re-encrypt " + what);
    VKA_ASSIGN_OR_RETURN(std::string text, OpenValue(**old_key, ids[idx], rev, old_value, what));
    SealedValue fresh = SealValue(key, ids[idx], rev, old_value.path, text);
    ScopedReset reset(update);
    update.BindText(1, fresh.key_id);
    update.BindBlob(2, fresh.nonce);
    update.BindBlob(3, fresh.ciphertext);
    update.BindText(4, ids[idx]);
    update.BindInt64(5, rev);
    update.BindText(6, fresh.path);
    VKA_RETURN_IF_ERROR(update.Run("re-encrypt sealed value"));
  }
  return static_cast<int64_t>(batch.size());
}

base::Result<int64_t> Sealer::SealPlaintext(const DataKey& key) {
  VKA_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(conn_, kSelectPlainRevisions));
  VKA_ASSIGN_OR_RETURN(Statement update, Statement::Prepare(conn_, kUpdateBody));
  std::string after_id;
  int64_t after_rev = 0;
  int64_t sealed = 0;
  while (true) {
    std::vector<PlainRevision> found;
    int rows = 0;
    {
      ScopedReset reset(select);
      select.BindText(1, after_id);
      select.BindInt64(2, after_rev);
      select.BindText(3, kPlaceholderMarker);
      select.BindInt64(4, kRotationBatch);
      while (true) {
        VKA_ASSIGN_OR_RETURN(bool row, select.Step("read revisions to seal"));
        if (!row) break;
        ++rows;
        after_id = select.ColumnText(0);
        after_rev = select.ColumnInt64(1);
        auto kind = model::ParseKindName(select.ColumnTextView(2));
        if (!kind.ok() || !HasSensitiveFields(*kind)) continue;
        auto split = SplitSensitive(*kind, select.ColumnTextView(3));
        if (!split.ok()) return split.status().WithContext("seal " + RevisionName(after_id, after_rev));
        if (!split->values.empty()) found.push_back({after_id, after_rev, std::move(*split)});
      }
    }
    for (PlainRevision& plain : found) {
      ScopedReset reset(update);
      update.BindText(1, plain.split.stored);
      update.BindText(2, plain.id);
      update.BindInt64(3, plain.rev);
      VKA_RETURN_IF_ERROR(update.Run("seal the sensitive values of a stored revision"));
      std::vector<SealedValue> values;
      for (auto& [path, text] : plain.split.values) {
        values.push_back(SealValue(key, plain.id, plain.rev, path, text));
      }
      VKA_RETURN_IF_ERROR(Write(plain.id, plain.rev, values));
      sealed += static_cast<int64_t>(values.size());
    }
    if (rows < kRotationBatch) return sealed;
  }
}

base::Result<RotationResult> Sealer::Rotate(const DataKey& key, const std::string& at) {
  RotationResult result;
  VKA_RETURN_IF_ERROR(RegisterKey(key, at, result.retired));
  while (true) {
    VKA_ASSIGN_OR_RETURN(int64_t done, ResealBatch(key));
    if (done == 0) break;
    result.resealed += done;
  }
  VKA_ASSIGN_OR_RETURN(result.sealed_plaintext, SealPlaintext(key));
  return result;
}

}  // namespace vka::storage::internal
