#pragma once

// The public memorial's data (issue 7 part 6): what an anonymous visitor may
// see, computed on the server. Only records whose confidentiality is
// "public" are used, and never a sensitive field (app/access.h, Role::kPublic).
//
// - situations, events (timeline, by date), places: public records, with a
//   few display fields each; an event's place is given only when public.
// - victims: the distinct victims of public acts. A victim is named only when
//   the person record is public AND a live source about them (the source's
//   witness, or a source linked to them by an information record) carries
//   consent scope "named_publication" that is not withdrawn. All others are
//   only counted (unnamed_count), with the victim_count of public acts that
//   name no victim; their ids never appear.
// - sources: public sources whose consent covers public use ("public_use" or
//   "named_publication", not withdrawn), or that have neither a consent nor a
//   witness (documents); title, type, date and reliability only.
// - stats: counts of the above, public acts by type, and their caveat.
// - checkpoint: the log's signed checkpoint, and how to verify it.

#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"

namespace vka::app {

base::Result<base::Json> MemorialData(Workspace& ws);

}  // namespace vka::app
