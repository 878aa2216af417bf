package web

import (
	"encoding/json"
	"net/http"

	"shebao"
	"shebao/billing"
	"shebao/changes"
	"shebao/counter"
	"shebao/i18n"
	"shebao/progress"
)

// The receipt of an item (GET /items/{id}): what a person takes away from
// the kiosk, printable (receipt.css): receipt number, unit, person with
// the masked ID number, item, period, base and monthly cost, decision and
// its time, and what the item was about — the documents checked for a
// counter-only item, the old and new values of a change, the old base of a
// declaration. A pending item is withdrawn from here, after a confirmation.

// receiptData is the data of the item page.
type receiptData struct {
	itemPage
	Decided      string        // when it was decided; "" while pending
	Cost         *billing.Cost // the monthly cost of its base; nil without one
	Details      []receiptRow  // what the item was about, by type
	Documents    []receiptRow  // a counter-only item's checklist
	Withdrawable bool
}

// receiptRow is one labelled line of a receipt.
type receiptRow struct {
	Label, Old, New string // Old is set for a change: Old → New
}

// item shows one item's receipt. Another unit's item is not found.
func (h *handler) item(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	tl, err := h.svc.Progress.Timeline(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	v := h.userView(r, u, "item.title")
	v.Data = h.receipt(r, u, v.Lang, tl)
	return h.render(w, r, http.StatusOK, "item", v)
}

// receipt builds the receipt of a timeline's item.
func (h *handler) receipt(r *http.Request, u user, lang i18n.Lang, tl progress.Timeline) receiptData {
	it := tl.Item
	d := receiptData{itemPage: newItemPage(lang, it), Withdrawable: tl.Withdrawable}
	if it.Status != shebao.StatusInReview {
		d.Decided = officeTime(it.DecidedAt)
	}
	if it.Base > 0 && it.Status != shebao.StatusRefused && it.Status != shebao.StatusWithdrawn {
		d.Cost = h.receiptCost(r, u, it)
	}
	switch {
	case it.Type.CounterOnly():
		d.Documents = checkedDocuments(lang, it)
		d.Decision = ""
	case it.Type == shebao.ItemUnitChange || it.Type == shebao.ItemPersonChange:
		d.Details = changeRows(lang, it)
		d.Decision = ""
	case it.Type == shebao.ItemDeclare:
		d.Details = declareRows(lang, it)
	}
	return d
}

// receiptCost is the monthly cost of an item's base for its unit, or nil
// when it cannot be told (no policy for the period's year).
func (h *handler) receiptCost(r *http.Request, u user, it shebao.Item) *billing.Cost {
	unit, err := h.svc.Handling.Unit(r.Context(), u.Actor, it.UnitID)
	if err != nil {
		return nil
	}
	c, err := h.svc.Billing.CostPreview(r.Context(), unit, it.Period, it.Base)
	if err != nil {
		return nil
	}
	return &c
}

// checkedDocuments lists a counter-only item's checklist as the clerk
// ticked it.
func checkedDocuments(lang i18n.Lang, it shebao.Item) []receiptRow {
	var p counter.Payload
	if json.Unmarshal([]byte(it.Payload), &p) != nil {
		return nil
	}
	rows := make([]receiptRow, 0, len(p.Checklist))
	for _, c := range p.Checklist {
		seen := "office.payload.no"
		if c.Checked {
			seen = "office.payload.yes"
		}
		rows = append(rows, receiptRow{Label: i18n.T(lang, "bring."+c.Document), New: i18n.T(lang, seen)})
	}
	return rows
}

// changeRows lists a change item's fields, old → new, as the review page
// names them, with ID numbers masked.
func changeRows(lang i18n.Lang, it shebao.Item) []receiptRow {
	p, err := changes.DecodePayload(it)
	if err != nil {
		return nil
	}
	var rows []receiptRow
	for _, c := range newChangeView(it.Type, p, lang).Rows {
		if c.Field == changes.FieldIDNumber {
			c.Old, c.New = shebao.MaskIDNumber(c.Old), shebao.MaskIDNumber(c.New)
		}
		rows = append(rows, receiptRow{Label: c.Label, Old: c.Old, New: c.New})
	}
	return rows
}

// declareRows shows a declaration's old base beside the new one.
func declareRows(lang i18n.Lang, it shebao.Item) []receiptRow {
	var p struct {
		OldBase int64 `json:"old_base"`
	}
	if json.Unmarshal([]byte(it.Payload), &p) != nil || p.OldBase == 0 {
		return nil
	}
	return []receiptRow{{Label: i18n.T(lang, "item.base"), Old: shebao.Fen(p.OldBase).String(), New: it.Base.String()}}
}
