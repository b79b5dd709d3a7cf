#pragma once

// The SQLite side of sealing (docs/formats/encryption.md): the tables
// `data_keys` (id, key check, created, retired) and `sealed_values` (one
// ciphertext per sensitive value of a revision), the data keys loaded so
// far, and key rotation. SqliteStore seals on Append and unseals on every
// read through one Sealer; nothing above storage sees a placeholder.
// Not thread-safe: it belongs to its store's connection.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/data_key.h"
#include "storage/internal/sealing.h"
#include "storage/internal/sqlite_util.h"
#include "storage/store.h"

namespace vka::storage::internal {

// A revision's body as it is stored: `stored` with placeholders and the
// sealed `values`; values empty means the body is stored as it is.
struct SealedRevision {
  std::string stored;
  std::vector<SealedValue> values;
};

// A body sealed on a worker thread (storage::PreparedBody): what it was
// made from, and the result.
struct PresealedBody final : PreparedBody {
  std::string id;
  model::Kind kind = model::Kind::kPerson;
  int64_t rev = 0;
  std::string body;    // the plaintext body it was made from
  std::string key_id;  // "" when it holds no sealed value
  SealedRevision sealed;
};

// Splits a body of the kind and seals its sensitive values with the key
// from `key` (asked only when there is a value to seal). Errors as
// Sealer::Seal.
base::Result<SealedRevision> SealBody(const std::string& id, model::Kind kind, int64_t rev,
                                      const std::string& body,
                                      const std::function<base::Result<const DataKey*>()>& key);

class Sealer {
 public:
  // conn must outlive the Sealer. An empty loader means no key is ever
  // available: bodies with sensitive values can be neither written nor read.
  Sealer(const Connection& conn, DataKeyLoader loader)
      : conn_(conn), loader_(std::move(loader)) {}

  // Prepares the cached statements. Errors as SqliteError.
  base::Status Prepare();

  // Forgets which key is current; called when a write transaction begins
  // (another process may have rotated meanwhile).
  void StartTransaction() { current_.reset(); }

  // Seals the sensitive values of rev.body with the current data key.
  // Errors: kInvalidArgument (see SplitSensitive); kFailedPrecondition when
  // the workspace has no data key yet or the current key's file is not
  // available or holds another key; kDataLoss for a malformed key file.
  // REQUIRES: inside the write transaction.
  base::Result<SealedRevision> Seal(const Revision& rev);

  // Seal, but takes rev.prepared instead when it was made for this very
  // revision and body with the current key.
  base::Result<SealedRevision> SealOrTakePrepared(const Revision& rev);

  // A thread-safe sealer holding a copy of the current data key (none when
  // the workspace has none or its file is not available: then it prepares
  // only bodies without sensitive values). REQUIRES: inside the write
  // transaction.
  std::shared_ptr<const BodySealer> ForWorkers();

  // Inserts the sealed values of revision (id, rev).
  // REQUIRES: that revision row was inserted in this transaction.
  base::Status Write(const std::string& id, int64_t rev, const std::vector<SealedValue>& values);

  // Replaces the placeholders of rev.body with the opened values; a body
  // without placeholders is left alone (and costs one substring search).
  // kFailedPrecondition when a needed key is not available; kDataLoss when
  // a value does not authenticate or is missing.
  base::Status Unseal(Revision& rev);

  // Every data key the database knows, oldest first.
  base::Result<std::vector<DataKeyInfo>> Keys();

  // Makes `key` current and retires the current one, re-encrypts every
  // sealed value under it, and seals the sensitive values stored in clear
  // by an older vka (rewriting only their bodies' placeholders). Errors of
  // Seal and Unseal; kAlreadyExists if the key id is known.
  // REQUIRES: inside the write transaction.
  base::Result<RotationResult> Rotate(const DataKey& key, const std::string& at);

 private:
  // The key with the given id, loaded once and checked against its key
  // check in data_keys.
  base::Result<const DataKey*> KeyById(const std::string& id);
  base::Result<const DataKey*> CurrentKey();
  base::Result<std::vector<SealedValue>> ReadValues(const std::string& id, int64_t rev);
  // One batch of Rotate's re-encryption; returns the number of values done
  // (0 when none is left).
  base::Result<int64_t> ResealBatch(const DataKey& key);
  // Seals the plaintext sensitive values of every revision.
  base::Result<int64_t> SealPlaintext(const DataKey& key);
  base::Status RegisterKey(const DataKey& key, const std::string& at,
                           std::vector<std::string>& retired);

  const Connection& conn_;
  DataKeyLoader loader_;
  std::map<std::string, DataKey> keys_;   // loaded and checked
  std::optional<std::string> current_;    // "" when the workspace has none
  std::optional<Statement> select_values_;
  std::optional<Statement> insert_value_;
};

}  // namespace vka::storage::internal
