package web

import (
	"net/http"

	"shebao"
	"shebao/calendar"
	"shebao/collection"
)

// homeData is the business catalogue's data.
type homeData struct {
	Changed   bool          // the password has just been changed
	Period    shebao.Period // today's business period; zero without a policy
	CutoffDay int
	SelfItems []selfItem
	Counter   []counterItem
	Decisions homeDecisions           // reviewed items decided since the operator last looked (progress.go)
	Owed      []collection.PeriodOwed // closed months not paid, with the late fee to today
	Calendar  *calendar.Calendar      // the unit's month: its dates and what is left to do (operators)
}

// selfItem is a business item that can be handled here, with its link.
type selfItem struct {
	Key     string // catalogue key of the name; Key+".desc" describes it
	Href    string
	Submits bool // the item submits something: not for roles that cannot
}

// counterItem is a business item handled only at the counter, with what to
// bring (catalogue keys).
type counterItem struct {
	Key   string
	Bring []string
}

// selfItems lists what this system handles, in catalogue order. Enrollment,
// resumption and stop start with the ID check (idcheck.go), which routes a
// legacy or malformed number before the form is filled.
var selfItems = []selfItem{
	{"home.item.enroll", "/check-id?type=enroll", true},
	{"home.item.resume", "/check-id?type=resume", true},
	{"home.item.stop", "/check-id?type=stop", true},
	{"home.item.items", "/items", false},
	{"home.item.roster", "/roster", false},
	{"billing.home.bill", "/bill", false},
	{"statement.home", "/statement", false},
	{"decl.home", "/declaration", true},
	{"backpay.home", "/backpay", true},
	{"home.item.retirement", "/retirement", true},
	{"home.item.unit_change", "/changes/unit", true},
	{"home.item.person_change", "/changes/person", true},
	{"home.item.proof", "/proofs/new", true},
	{"home.item.history", "/changes/history", false},
	{"home.item.batch", "/batches", true},
}

// counterItems lists the items only the counter takes (docs/RULES.md#counter-only-items),
// with what to bring.
var counterItems = []counterItem{
	{"counter.card", []string{"bring.id_original", "bring.id_copy", "bring.photo", "bring.card_form", "bring.agent_id"}},
	{"counter.retirement", []string{"bring.id_original", "bring.hukou", "bring.personnel_file", "bring.retire_form", "bring.bank_card", "bring.unit_letter"}},
	{"counter.maternity", []string{"bring.id_original", "bring.birth_cert", "bring.medical_record", "bring.marriage_cert", "bring.bank_card", "bring.unit_letter"}},
	{"counter.legacy_id", []string{"bring.id_original", "bring.police_cert", "bring.unit_letter", "bring.agent_id"}},
}

// home shows the business catalogue (GET /).
func (h *handler) home(w http.ResponseWriter, r *http.Request, u user) error {
	if u.Role.IsStaff() {
		return h.officeHome(w, r, u) // office.go: staff start from their work
	}
	d := homeData{Changed: r.URL.Query().Get("changed") == "1", SelfItems: selfItems, Counter: counterItems}
	if !canSubmit(u.Role) {
		d.SelfItems = nil
		for _, it := range selfItems {
			if !it.Submits {
				d.SelfItems = append(d.SelfItems, it)
			}
		}
	}
	if u.Role == shebao.RoleOperator {
		// The calendar reads the months owed and the unseen decisions it
		// counts; the page lists them from there.
		c, err := h.svc.Calendar.Month(r.Context(), u.Actor, 0)
		if err != nil {
			return err
		}
		d.Calendar, d.CutoffDay, d.Period = &c, c.CutoffDay, c.Period
		d.Owed, d.Decisions = c.Owed, h.homeDecisions(r, c.Unseen)
	} else {
		f, err := h.svc.Billing.InForce(r.Context())
		switch {
		case err == nil:
			d.CutoffDay, d.Period = f.Policy.CutoffDay, f.Period
		case shebao.ErrorCode(err) != shebao.EREFUSED: // no policy yet: the page says nothing of periods
			return err
		}
	}
	v := h.userView(r, u, "home.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "home", v)
}
