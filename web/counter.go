package web

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/url"
	"strconv"

	"shebao"
	"shebao/counter"
	"shebao/i18n"
	"shebao/retirement"
)

// unitSearch is a page of units found by name or credit code: the counter's
// search (a clerk finds the unit that came in) and the administrators' list.
type unitSearch struct {
	Q     string
	Units []shebao.Unit
	Pager pager
}

// unitLister lists units matching q, paged, with the total count.
type unitLister func(ctx context.Context, a shebao.Actor, q string, limit, offset int) ([]shebao.Unit, int, error)

// searchUnits reads q and page from the request and lists the units of that
// page; path is the page's own address, for the pager's links.
func (h *handler) searchUnits(r *http.Request, u user, path string, list unitLister) (unitSearch, error) {
	var d unitSearch
	var err error
	if d.Q, err = text(r, "q", maxField); err != nil {
		return d, err
	}
	page := pageParam(r)
	var total int
	if d.Units, total, err = list(r.Context(), u.Actor, d.Q, pageSize, (page-1)*pageSize); err != nil {
		return d, err
	}
	q := url.Values{}
	if d.Q != "" {
		q.Set("q", d.Q)
	}
	d.Pager = newPager(path, q, page, total)
	return d, nil
}

// counterHome lists units matching q (GET /counter?q=&page=).
func (h *handler) counterHome(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleClerk, shebao.RoleAdmin); err != nil {
		return err
	}
	d, err := h.searchUnits(r, u, "/counter", h.svc.Counter.Units)
	if err != nil {
		return err
	}
	v := h.userView(r, u, "office.counter.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "counter", v)
}

// counterUnitData is the page of the unit a clerk acts for.
type counterUnitData struct {
	Unit      shebao.Unit
	Suspended string // the message for a suspended unit; "" when active
	Types     []shebao.ItemType
	Counter   []shebao.ItemType
	Items     []shebao.Item
	LastDay   int  // the counter's last day of the month for enrollment and stops; 0 without a policy
	Closed    bool // today is after it
}

// counterUnit shows a unit with the items the clerk can handle for it
// (GET /counter/units/{id}).
func (h *handler) counterUnit(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d := counterUnitData{Types: shebao.ItemTypes, Counter: counter.CounterTypes}
	d.Unit, err = h.svc.Counter.ActFor(r.Context(), u.Actor, id)
	if shebao.ErrorCode(err) == shebao.EREFUSED {
		d.Suspended, err = i18n.Error(h.lang(r), err), nil
	}
	if err != nil {
		return err
	}
	if d.Items, _, err = h.svc.Handling.Items(r.Context(), u.Actor, shebao.ItemFilter{UnitID: id, Limit: 10}); err != nil {
		return err
	}
	lastDay, open, err := h.svc.Counter.Open(r.Context())
	switch {
	case err == nil:
		d.LastDay, d.Closed = lastDay, !open
	case shebao.ErrorCode(err) != shebao.EREFUSED: // no policy: the page says nothing of the days
		return err
	}
	v := h.userView(r, u, "office.counter.unit_title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "counter_unit", v)
}

// counterItemData is the form of a counter-only item: the person, the
// checklist of documents, a remark.
type counterItemData struct {
	formState
	Unit      shebao.Unit
	Type      shebao.ItemType
	IDNumber  string
	Remark    string
	ClientKey string
	Checklist []counter.Document
	Checked   map[string]bool
	// Retirement payment: the pre-review of the person typed, and the
	// clerk's reason to record it when the pre-review does not support it.
	Review   *retirement.Result
	Override string
}

// counterItemFields are the form's fields, for placing messages.
var counterItemFields = []string{"id_number", "documents", "remark", "override_reason"}

// newCounterItem checks the unit and the type of a counter-only item form.
func (h *handler) newCounterItem(r *http.Request, u user) (counterItemData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return counterItemData{}, err
	}
	unit, err := h.svc.Counter.ActFor(r.Context(), u.Actor, id)
	if err != nil {
		return counterItemData{}, err
	}
	typ := shebao.ItemType(r.FormValue("type"))
	if !typ.CounterOnly() {
		return counterItemData{}, shebao.Invalid("type", shebao.ReasonUnknownItemType, string(typ))
	}
	return counterItemData{Unit: unit, Type: typ, Checklist: counter.Checklists[typ], Checked: map[string]bool{}}, nil
}

// counterItemForm shows the form (GET /counter/units/{id}/items/new?type=card).
func (h *handler) counterItemForm(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newCounterItem(r, u)
	if err != nil {
		return err
	}
	d.ClientKey = rand.Text()
	if d.Type == shebao.ItemRetirePay {
		if d.IDNumber, err = text(r, "id_number", maxField); err != nil {
			return err
		}
		if d.IDNumber != "" {
			if err := h.retireReview(r, u, &d); err != nil {
				return err
			}
		}
	}
	return h.renderCounterItem(w, r, u, http.StatusOK, d)
}

// retireReview shows the clerk the retirement pre-review of the person
// typed (counter.Service.RetireCheck): its answer, or why there is none.
func (h *handler) retireReview(r *http.Request, u user, d *counterItemData) error {
	res, err := h.svc.Counter.RetireCheck(r.Context(), u.Actor, d.Unit.ID, d.IDNumber)
	if err != nil {
		if !d.setError(h.lang(r), err, counterItemFields...) {
			return err
		}
		return nil
	}
	d.Review = &res
	return nil
}

// counterItemPost records the item and shows it (POST /counter/units/{id}/items/new).
func (h *handler) counterItemPost(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newCounterItem(r, u)
	if err != nil {
		return err
	}
	req := counter.Request{Type: d.Type, UnitID: d.Unit.ID, Documents: r.PostForm["documents"]}
	for _, k := range req.Documents {
		d.Checked[k] = true
	}
	if d.IDNumber, err = required(r, "id_number", maxField); err == nil {
		d.Remark, err = text(r, "remark", 500)
	}
	if err == nil {
		d.ClientKey, err = text(r, "client_key", maxField)
	}
	if err == nil {
		d.Override, err = text(r, "override_reason", 500)
	}
	var it shebao.Item
	if err == nil {
		req.IDNumber, req.Remark, req.ClientKey, req.OverrideReason = d.IDNumber, d.Remark, d.ClientKey, d.Override
		it, err = h.svc.Counter.Record(r.Context(), u.Actor, req)
	}
	if err != nil {
		if !d.setError(h.lang(r), err, counterItemFields...) {
			return err
		}
		if d.Type == shebao.ItemRetirePay && d.IDNumber != "" && d.Errors["id_number"] == "" {
			if res, err := h.svc.Counter.RetireCheck(r.Context(), u.Actor, d.Unit.ID, d.IDNumber); err == nil {
				d.Review = &res
			}
		}
		return h.renderCounterItem(w, r, u, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/items/"+strconv.FormatInt(it.ID, 10), http.StatusSeeOther)
	return nil
}

func (h *handler) renderCounterItem(w http.ResponseWriter, r *http.Request, u user, status int, d counterItemData) error {
	v := h.userView(r, u, "type."+string(d.Type))
	v.Data = d
	return h.render(w, r, status, "counter_item", v)
}
