#pragma once

// Use cases on single records: add, edit, delete, show, list, history.
// Each write is one transaction through RecordWriter.

#include <optional>
#include <string>
#include <vector>

#include "app/record_writer.h"
#include "app/workspace.h"
#include "storage/store.h"

namespace vka::app {

// The store's types, as the layers above app see them.
using Revision = storage::Revision;
using ListQuery = storage::ListQuery;
using FieldFilter = storage::FieldFilter;

// Field errors are reported as kInvalidArgument whose message lists every
// "path: problem (value ...)"; references to missing records likewise.

// Adds one record of `kind` from JSON text (an object; "kind" may be omitted,
// "id" may be omitted). Returns the new id. A claim is added by AddClaim
// and edited by EditClaim (app/claims.h): same checks, errors and defaults.
base::Result<std::string> AddRecord(Workspace& ws, model::Kind kind, std::string_view json_text,
                                    const ChangeContext& context);

struct FieldChange {
  std::string path;                 // "status", "consent.withdrawn"
  std::optional<std::string> text;  // nullopt: remove the field
};

// Applies the changes to the latest revision and writes the next one.
// REQUIRES: context.reason is not empty (checked: kInvalidArgument).
// Returns the new revision number.
base::Result<int64_t> EditRecord(Workspace& ws, const std::string& id,
                                 const std::vector<FieldChange>& changes,
                                 const ChangeContext& context);

// Writes a tombstone. REQUIRES: a reason (checked). Returns its rev.
base::Result<int64_t> DeleteRecord(Workspace& ws, const std::string& id,
                                   const ChangeContext& context);

// The latest revision (possibly a tombstone). kNotFound if none; an id of the
// wrong form is kInvalidArgument.
base::Result<storage::Revision> GetRecord(Workspace& ws, const std::string& id);

// The current records matching the query, in id order. kInvalidArgument
// ("after: ...") if query.after_id is set and is not an id of query.kind.
base::Result<std::vector<storage::Revision>> ListRecords(Workspace& ws,
                                                         const storage::ListQuery& query);

// All revisions. kNotFound if the record never existed.
base::Result<std::vector<storage::Revision>> RecordHistory(Workspace& ws, const std::string& id);

// The log commitment of a revision: hex SHA-256(salt || body) (DESIGN.md §6).
std::string RevisionCommitment(const storage::Revision& rev);

// Formats field errors as one message, one "path: problem" per line.
std::string DescribeErrors(const std::vector<model::FieldError>& errors);

}  // namespace vka::app
