package counter

import (
	"shebao"
	"shebao/retirement"
)

// Document is one document on a counter-only item's checklist; its label is
// the catalogue key "bring."+Key, as on the business catalogue's list of
// what to bring.
type Document struct {
	Key      string
	Required bool // false: only in some cases (an agent, a marriage certificate if any)
}

// Checklists lists the documents the clerk checks for each counter-only
// item type (docs/RULES.md#counter-only-items).
var Checklists = map[shebao.ItemType][]Document{
	shebao.ItemCard: {
		{"id_original", true}, {"id_copy", true}, {"photo", true}, {"card_form", true}, {"agent_id", false},
	},
	shebao.ItemRetirePay: {
		{"id_original", true}, {"hukou", true}, {"personnel_file", true}, {"retire_form", true},
		{"bank_card", true}, {"unit_letter", true},
	},
	shebao.ItemMaternity: {
		{"id_original", true}, {"birth_cert", true}, {"medical_record", true}, {"marriage_cert", false},
		{"bank_card", true}, {"unit_letter", true},
	},
}

// CounterTypes lists the counter-only item types in the order the counter
// shows them.
var CounterTypes = []shebao.ItemType{shebao.ItemCard, shebao.ItemRetirePay, shebao.ItemMaternity}

// Check is one line of the checklist stored in an item's Payload.
type Check struct {
	Document string `json:"document"`
	Required bool   `json:"required"`
	Checked  bool   `json:"checked"`
}

// Payload is the JSON stored in a counter-only item's Payload. A
// retirement payment adds the pre-review's answer when it was recorded,
// the clerk's reason when the pre-review did not support it, and how many
// coverages it stopped.
type Payload struct {
	Checklist      []Check             `json:"checklist"`
	Retirement     *retirement.Payload `json:"retirement,omitempty"`
	OverrideReason string              `json:"override_reason,omitempty"`
	Stopped        int                 `json:"stopped_coverages,omitempty"`
	// LegacyID is the legacy 15-digit ID number the clerk typed, converted
	// to the item's 18-character one (shebao.ItemNotes reads it).
	LegacyID string `json:"legacy_id,omitempty"`
}

// checklist matches the documents the clerk ticked against the type's
// checklist. Errors: EINVALID for field "documents" with
// ReasonUnknownDocument or ReasonDocumentsMissing (args: how many).
func checklist(t shebao.ItemType, ticked []string) ([]Check, error) {
	list := Checklists[t]
	seen := map[string]bool{}
	for _, k := range ticked {
		if !onList(list, k) {
			return nil, shebao.Invalid("documents", ReasonUnknownDocument)
		}
		seen[k] = true
	}
	out := make([]Check, len(list))
	missing := 0
	for i, d := range list {
		out[i] = Check{Document: d.Key, Required: d.Required, Checked: seen[d.Key]}
		if d.Required && !seen[d.Key] {
			missing++
		}
	}
	if missing > 0 {
		return nil, shebao.Invalid("documents", ReasonDocumentsMissing, itoa(missing))
	}
	return out, nil
}

func onList(list []Document, key string) bool {
	for _, d := range list {
		if d.Key == key {
			return true
		}
	}
	return false
}
