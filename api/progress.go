package api

import (
	"net/http"

	"shebao"
	"shebao/i18n"
)

// timelineJSON is an item's progress: the item, every status it went
// through, and whether the caller may withdraw it now.
type timelineJSON struct {
	Item         itemJSON    `json:"item"`
	Events       []eventJSON `json:"events"`
	Withdrawable bool        `json:"withdrawable"`
}

// eventJSON is one step of an item's timeline; from is "" for the
// submission.
type eventJSON struct {
	At      string       `json:"at"`
	From    string       `json:"from"`
	Status  string       `json:"status"`
	Reasons []reasonJSON `json:"reasons"`
	Note    string       `json:"note"`
}

// itemTimeline answers an item's progress (the page GET /items/{id}/progress).
func (s *server) itemTimeline(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	tl, err := s.svc.Progress.Timeline(r.Context(), a, id)
	if err != nil {
		return err
	}
	lang := langOf(r)
	out := timelineJSON{Item: itemOf(tl.Item, lang), Events: []eventJSON{}, Withdrawable: tl.Withdrawable}
	for _, e := range tl.Events {
		ev := eventJSON{At: timeJSON(e.At), From: string(e.From), Status: string(e.Status),
			Reasons: []reasonJSON{}, Note: e.Note}
		for _, code := range e.Reasons {
			ev.Reasons = append(ev.Reasons, reasonJSON{Code: code, Message: i18n.T(lang, "reason."+code)})
		}
		out.Events = append(out.Events, ev)
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// withdrawItem withdraws an item that waits for review (the page POST
// /items/{id}/withdraw) and answers it, now withdrawn.
func (s *server) withdrawItem(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	it, err := s.svc.Progress.Withdraw(r.Context(), a, id)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, itemOf(it, langOf(r)))
	return nil
}
