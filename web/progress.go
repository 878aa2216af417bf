package web

import (
	"net/http"
	"strconv"
	"time"

	"shebao"
	"shebao/i18n"
	"shebao/progress"
)

// progressData is an item's receipt with its status timeline, printable.
type progressData struct {
	Timeline progress.Timeline
	Created  string
	Events   []eventRow
	Message  string // a refused withdrawal
}

// eventRow is one step of the timeline as shown.
type eventRow struct {
	At      string
	Status  shebao.ItemStatus
	From    shebao.ItemStatus
	Reasons []string // messages
	Note    string
}

// itemProgress shows an item's receipt and timeline (GET /items/{id}/progress).
func (h *handler) itemProgress(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return h.renderProgress(w, r, u, id, http.StatusOK, "")
}

// withdrawItem withdraws an item that waits for review
// (POST /items/{id}/withdraw with confirm=1, from the confirmation page;
// without it the confirmation is shown); a reviewer's decision that came
// first is shown on the timeline with its message.
func (h *handler) withdrawItem(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if r.PostForm.Get("confirm") != "1" {
		return h.withdrawConfirm(w, r, u)
	}
	_, err = h.svc.Progress.Withdraw(r.Context(), u.Actor, id)
	switch shebao.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/items/"+strconv.FormatInt(id, 10)+"/progress", http.StatusSeeOther)
		return nil
	case shebao.EREFUSED:
		return h.renderProgress(w, r, u, id, http.StatusConflict, h.message(r, err))
	}
	return err
}

// withdrawConfirm asks whether to withdraw an item that waits for review
// (GET /items/{id}/withdraw); an item that no longer waits shows its
// receipt.
func (h *handler) withdrawConfirm(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	tl, err := h.svc.Progress.Timeline(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	if !tl.Withdrawable {
		http.Redirect(w, r, "/items/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return nil
	}
	v := h.userView(r, u, "kiosk.withdraw.title")
	v.Data = h.receipt(r, u, v.Lang, tl)
	return h.render(w, r, http.StatusOK, "item_withdraw", v)
}

func (h *handler) renderProgress(w http.ResponseWriter, r *http.Request, u user, id int64, status int, msg string) error {
	tl, err := h.svc.Progress.Timeline(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	d := progressData{Timeline: tl, Created: officeTime(tl.Item.CreatedAt), Message: msg}
	for _, e := range tl.Events {
		row := eventRow{At: officeTime(e.At), Status: e.Status, From: e.From, Note: e.Note}
		for _, code := range e.Reasons {
			row.Reasons = append(row.Reasons, i18n.T(h.lang(r), "reason."+code))
		}
		d.Events = append(d.Events, row)
	}
	v := h.userView(r, u, "progress.title")
	v.Data = d
	return h.render(w, r, status, "item_progress", v)
}

// decisionsSeen marks the decisions shown on the home page as seen
// (POST /decisions/seen), up to the newest one shown.
func (h *handler) decisionsSeen(w http.ResponseWriter, r *http.Request, u user) error {
	upto, err := strconv.ParseInt(r.PostForm.Get("upto"), 10, 64)
	if err != nil {
		return errBadForm
	}
	if err := h.svc.Progress.MarkSeen(r.Context(), u.Actor, time.UnixMicro(upto)); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// homeDecisions is the home page's list of decisions the operator has not
// seen yet, with the form that marks them seen.
type homeDecisions struct {
	Decisions []shebao.Decision
	Upto      int64 // unix microseconds of the newest decision shown
	CSRF      string
}

// homeDecisions lists an operator's unseen decisions (progress.Service.Unseen,
// read by the unit's calendar) with the form that marks them seen.
func (h *handler) homeDecisions(r *http.Request, un progress.Unseen) homeDecisions {
	return homeDecisions{Decisions: un.Decisions, Upto: un.Upto.UnixMicro(), CSRF: h.csrfToken(r)}
}
