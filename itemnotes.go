package shebao

import "encoding/json"

// ItemNotes are what an item's Payload may say besides its type's own
// details, for the receipt, the item lists and the API: things the office
// tells the unit without refusing the item (docs/RULES.md).
type ItemNotes struct {
	// LegacyID is the legacy 15-digit ID number a clerk typed; the item
	// holds the 18-character number it was converted to
	// (docs/RULES.md#identifiers).
	LegacyID string `json:"legacy_id,omitempty"`
	// Late is set on an enrollment or resumption made more than 30 days
	// after the registered employment start (docs/RULES.md#employment-registration).
	Late *LateEnrollment `json:"late_enrollment,omitempty"`
}

// LateEnrollment says how late an enrollment came: the employment start,
// the last day to enroll on time, and the days after it.
type LateEnrollment struct {
	Start    string `json:"employment_start"` // 2026-06-01
	Deadline string `json:"deadline"`
	Days     int    `json:"days_late"`
}

// Empty reports whether the notes say nothing.
func (n ItemNotes) Empty() bool { return n.LegacyID == "" && n.Late == nil }

// NotesOf reads the notes of an item's Payload; a payload without them (or
// not JSON) has none.
func NotesOf(it Item) ItemNotes {
	if it.Payload == "" {
		return ItemNotes{} // without allocating: lists read the notes of every item
	}
	var n ItemNotes
	_ = json.Unmarshal([]byte(it.Payload), &n)
	return n
}

// Payload returns the notes as an item Payload: "" when empty.
func (n ItemNotes) Payload() string {
	if n.Empty() {
		return ""
	}
	b, _ := json.Marshal(n)
	return string(b)
}
