package web

import (
	"net/http"
	"net/url"

	"shebao"
	"shebao/billing"
	"shebao/collection"
	"shebao/i18n"
)

// waiverData is the waiver page's data: a unit found by credit code, its
// months owed with the late fee to today, and the outcome of a waiver.
type waiverData struct {
	CreditCode string
	Unit       *shebao.Unit
	Owed       []collection.PeriodOwed
	Waived     string // the period whose fee was just waived
	Period     string // the form's period when it failed
	Reason     string
	Message    string // an error of the form
}

// collectionWaivers shows the waiver page (GET /collection/waivers
// [?credit_code=]): a reviewer finds a unit and sees each closed month it
// owes with the late fee run up to today, a form beside each.
// Reviewers only: the page is the twin of POST /api/v1/collection/waivers.
func (h *handler) collectionWaivers(w http.ResponseWriter, r *http.Request, u user) error {
	d := waiverData{CreditCode: r.URL.Query().Get("credit_code"), Waived: r.URL.Query().Get("waived")}
	return h.renderWaivers(w, r, u, http.StatusOK, d)
}

func (h *handler) renderWaivers(w http.ResponseWriter, r *http.Request, u user, status int, d waiverData) error {
	if u.Role != shebao.RoleReviewer {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	if d.CreditCode != "" {
		unit, err := h.unitByCreditCode(r, u.Actor, d.CreditCode)
		switch {
		case shebao.ErrorCode(err) == shebao.EINVALID:
			d.Message, status = i18n.Error(h.lang(r), err), http.StatusUnprocessableEntity
		case err != nil:
			return err
		default:
			d.Unit = &unit
			if d.Owed, err = h.svc.Collection.UnitOwed(r.Context(), u.Actor, unit.ID); err != nil {
				return err
			}
		}
	}
	v := h.userView(r, u, "waiver.title")
	v.Data = d
	return h.render(w, r, status, "waiver", v)
}

// collectionWaive waives the late fee a unit's closed month has run up to
// today, with the reviewer's reason (POST /collection/waivers:
// credit_code, period, reason): collection.Service.WaiveFee, audited
// collection.waive. Then back to the page, which says what was waived.
func (h *handler) collectionWaive(w http.ResponseWriter, r *http.Request, u user) error {
	d := waiverData{CreditCode: r.PostForm.Get("credit_code"), Period: r.PostForm.Get("period"),
		Reason: r.PostForm.Get("reason")}
	if u.Role != shebao.RoleReviewer {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	fail := func(err error) error {
		switch shebao.ErrorCode(err) {
		case shebao.EINVALID, shebao.EREFUSED, shebao.ENOTFOUND:
			d.Message = i18n.Error(h.lang(r), err)
			return h.renderWaivers(w, r, u, http.StatusUnprocessableEntity, d)
		}
		return err
	}
	unit, err := h.unitByCreditCode(r, u.Actor, d.CreditCode)
	if err != nil {
		return fail(err)
	}
	p, err := billing.ParsePeriod(d.Period, "period")
	if err != nil {
		return fail(err)
	}
	if _, err := h.svc.Collection.WaiveFee(r.Context(), u.Actor, unit.ID, p, d.Reason); err != nil {
		return fail(err)
	}
	q := url.Values{"credit_code": {unit.CreditCode}, "waived": {p.String()}}
	http.Redirect(w, r, "/collection/waivers?"+q.Encode(), http.StatusSeeOther)
	return nil
}
