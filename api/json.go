package api

import (
	"strconv"

	"shebao"
	"shebao/handling"
	"shebao/i18n"
)

// The JSON representations of the API's answers. Money is integer fen
// (fields ending in _fen), periods are "YYYY-MM", times are RFC 3339 in the
// office's zone (+08:00). Full ID numbers do not leave the API except in the
// roster, where a unit's operator needs them to stop someone's insurance.

// itemJSON is a business item.
type itemJSON struct {
	ID             int64        `json:"id"`
	Receipt        string       `json:"receipt"`
	Type           string       `json:"type"`
	UnitID         int64        `json:"unit_id"`
	UnitName       string       `json:"unit_name"`
	PersonName     string       `json:"person_name"`
	IDNumberMasked string       `json:"id_number_masked"`
	Channel        string       `json:"channel"`
	Terminal       string       `json:"terminal"`
	Period         string       `json:"period"`
	Status         string       `json:"status"`
	Reasons        []reasonJSON `json:"reasons"`
	WageFen        int64        `json:"wage_fen"`
	BaseFen        int64        `json:"base_fen"`
	StopReason     string       `json:"stop_reason"`
	Notes          notesJSON    `json:"notes"`
	CreatedAt      string       `json:"created_at"`
	DecidedAt      *string      `json:"decided_at"`
}

// reasonJSON is why an item was refused or returned, with its message.
type reasonJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func itemOf(it shebao.Item, lang i18n.Lang) itemJSON {
	out := itemJSON{
		ID: it.ID, Receipt: it.Receipt, Type: string(it.Type), UnitID: it.UnitID,
		UnitName: it.UnitName, PersonName: it.PersonName, IDNumberMasked: maskID(it.IDNumber),
		Channel: string(it.Channel), Terminal: it.Terminal, Period: it.Period.String(),
		Status: string(it.Status), Reasons: []reasonJSON{}, WageFen: int64(it.Wage),
		BaseFen: int64(it.Base), StopReason: string(it.StopReason), CreatedAt: timeJSON(it.CreatedAt),
		Notes: notesOf(shebao.NotesOf(it), lang),
	}
	for i, code := range it.Reasons {
		var args []string
		if i == 0 { // the item keeps the arguments of its first reason only
			args = it.ReasonArgs
		}
		out.Reasons = append(out.Reasons, reasonJSON{Code: code, Message: i18n.T(lang, "reason."+code, args...)})
	}
	if !it.DecidedAt.IsZero() {
		d := timeJSON(it.DecidedAt)
		out.DecidedAt = &d
	}
	return out
}

// maskID masks an ID number; an unknown one stays empty.
func maskID(id string) string {
	if id == "" {
		return ""
	}
	return shebao.MaskIDNumber(id)
}

// itemListJSON is a page of items. Total counts the matches up to offset +
// 200 (shebao.CountCap); TotalCapped says there are more.
type itemListJSON struct {
	Items       []itemJSON `json:"items"`
	Total       int        `json:"total"`
	TotalCapped bool       `json:"total_capped"`
	Limit       int        `json:"limit"`
	Offset      int        `json:"offset"`
}

// previewJSON is what submitting a request would do.
type previewJSON struct {
	Type     string       `json:"type"`
	UnitID   int64        `json:"unit_id"`
	UnitName string       `json:"unit_name"`
	Period   string       `json:"period"`
	Base     *baseJSON    `json:"base"`    // null for a stop
	Person   *personJSON  `json:"person"`  // null when the ID number is unknown
	Refusal  *refusalJSON `json:"refusal"` // null when the request would pass
	Notes    notesJSON    `json:"notes"`
}

// notesJSON is what the office tells about an item without refusing it
// (shebao.ItemNotes): a legacy ID number converted at the counter, a late
// enrollment.
type notesJSON struct {
	LegacyIDMasked string    `json:"legacy_id_number_masked"` // "" unless converted
	Late           *lateJSON `json:"late_enrollment"`         // null when on time
}

// lateJSON is an enrollment made after Social Insurance Law art. 58's 30 days.
type lateJSON struct {
	EmploymentStart string `json:"employment_start"`
	Deadline        string `json:"deadline"`
	DaysLate        int    `json:"days_late"`
	Message         string `json:"message"`
}

func notesOf(n shebao.ItemNotes, lang i18n.Lang) notesJSON {
	out := notesJSON{LegacyIDMasked: maskID(n.LegacyID)}
	if l := n.Late; l != nil {
		out.Late = &lateJSON{EmploymentStart: l.Start, Deadline: l.Deadline, DaysLate: l.Days,
			Message: i18n.T(lang, "note.late_enrollment", l.Start, l.Deadline, strconv.Itoa(l.Days))}
	}
	return out
}

// baseJSON is a contribution base and how it was found from the wage.
type baseJSON struct {
	WageFen    int64  `json:"wage_fen"`
	BaseFen    int64  `json:"base_fen"`
	FloorFen   int64  `json:"floor_fen"`
	CeilingFen int64  `json:"ceiling_fen"`
	Clamp      string `json:"clamp"` // none, floor or ceiling
}

type personJSON struct {
	Name           string `json:"name"`
	IDNumberMasked string `json:"id_number_masked"`
}

type refusalJSON struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

func previewOf(pv handling.Preview, lang i18n.Lang) previewJSON {
	d := pv.Decision
	out := previewJSON{Type: string(pv.Request.Type), UnitID: pv.Unit.ID, UnitName: pv.Unit.Name, Period: d.Period.String(),
		Notes: notesOf(d.Notes, lang)}
	if pv.Request.Type != shebao.ItemStop {
		out.Base = &baseJSON{WageFen: int64(d.Base.Wage), BaseFen: int64(d.Base.Base),
			FloorFen: int64(d.Base.Floor), CeilingFen: int64(d.Base.Ceiling), Clamp: string(d.Base.Clamp)}
	}
	if pv.Person.ID != 0 {
		out.Person = &personJSON{Name: pv.Person.Name, IDNumberMasked: maskID(pv.Person.IDNumber)}
	}
	if d.Refusal != nil {
		out.Refusal = &refusalJSON{Reason: d.Refusal.Reason, Message: i18n.Error(lang, d.Refusal)}
	}
	return out
}

// rosterJSON is a page of a unit's insured employees.
type rosterJSON struct {
	Entries []rosterEntryJSON `json:"entries"`
	Total   int               `json:"total"`
	Limit   int               `json:"limit"`
	Offset  int               `json:"offset"`
}

// rosterEntryJSON is one insured employee. id_number is given in full so
// that a client can submit a stop; show id_number_masked on screens.
type rosterEntryJSON struct {
	Name           string   `json:"name"`
	IDNumber       string   `json:"id_number"`
	IDNumberMasked string   `json:"id_number_masked"`
	Sex            string   `json:"sex"`
	BirthDate      string   `json:"birth_date"`
	FirstPeriod    string   `json:"first_period"`
	BaseFen        int64    `json:"base_fen"`
	Insurances     []string `json:"insurances"`
}

func rosterEntryOf(e shebao.RosterEntry) rosterEntryJSON {
	out := rosterEntryJSON{
		Name: e.Person.Name, IDNumber: e.Person.IDNumber, IDNumberMasked: maskID(e.Person.IDNumber),
		Sex: string(e.Person.Sex), BirthDate: e.Person.BirthDate.String(),
		FirstPeriod: e.FirstPeriod.String(), BaseFen: int64(e.Base), Insurances: []string{},
	}
	for _, ins := range e.Insurances {
		out.Insurances = append(out.Insurances, string(ins))
	}
	return out
}
