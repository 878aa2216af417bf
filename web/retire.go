package web

import (
	"crypto/rand"
	"net/http"

	"shebao"
	"shebao/catalogue"
	"shebao/counter"
	"shebao/retirement"
)

// retireData is the retirement pre-review page: the ID step, then the result.
type retireData struct {
	Step      idStep
	ClientKey string // the form's key: a double click records one pre-review
	Result    *retirement.Result
	// AgeYears and AgeMonths spell the statutory age (60 years 3 months).
	AgeYears, AgeMonths int
	// FixPost is the ID number of a woman without post category, for the
	// link to the person change that adds it.
	FixPost string
	// Bring lists the documents of a retirement application at the counter
	// (the catalogue keys after "bring."), shown once the person has
	// reached the statutory age.
	Bring []string
}

// retireForm shows the pre-review's ID step (GET /retirement): with
// ?id_number= it checks the number at once and, when it can be handled,
// offers to run the pre-review.
func (h *handler) retireForm(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	d := retireData{Step: h.checkIDStep(r, u, "/retirement"), ClientKey: rand.Text()}
	return h.renderRetire(w, r, u, http.StatusOK, d)
}

// retirePost runs the pre-review (POST /retirement) and shows its answer;
// a refusal (no post category, impossible birth date, not the unit's
// person) is shown on the ID step.
func (h *handler) retirePost(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyOperators(u); err != nil {
		return err
	}
	id, err := text(r, "id_number", maxField)
	if err != nil {
		return err
	}
	key, err := text(r, "client_key", catalogue.MaxClientKey)
	if err != nil {
		return err
	}
	d := retireData{Step: idStep{Action: "/retirement", IDNumber: id, Checked: true}, ClientKey: rand.Text()}
	res, err := h.svc.Retirement.Review(r.Context(), u.Actor, retirement.Request{IDNumber: id, ClientKey: key})
	if err != nil {
		if shebao.AsError(err).Reason == catalogue.ReasonPostCategory {
			d.FixPost = id
		}
		if err := h.refuse(r, &d.Step, err); err != nil {
			return err
		}
		return h.renderRetire(w, r, u, http.StatusUnprocessableEntity, d)
	}
	d.Result = &res
	d.AgeYears, d.AgeMonths = res.Review.StatutoryAge/12, res.Review.StatutoryAge%12
	if res.Reached {
		for _, doc := range counter.Checklists[shebao.ItemRetirePay] {
			d.Bring = append(d.Bring, doc.Key)
		}
	}
	return h.renderRetire(w, r, u, http.StatusOK, d)
}

func (h *handler) renderRetire(w http.ResponseWriter, r *http.Request, u user, status int, d retireData) error {
	v := h.userView(r, u, "retire.title")
	v.Data = d
	return h.render(w, r, status, "retire", v)
}
