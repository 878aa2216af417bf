package web

import (
	"shebao"
	"shebao/backpay"
	"shebao/changes"
	"shebao/i18n"
	"shebao/rules"
)

// itemView is an item's payload as a reviewer reads it: in the page's
// language, money in yuan. At most one of Backpay, Change and Fields is
// set; none for an item without a payload.
type itemView struct {
	Backpay *backpayView
	Change  *changeView
	Fields  []payloadField // any other type, or a payload its type cannot read
}

// reviewView makes an item's payload readable in lang: the types whose
// payload has a known shape are decoded by the package that writes it; any
// other payload, and one that does not decode, is listed field by field.
func reviewView(it shebao.Item, lang i18n.Lang) itemView {
	if it.Payload == "" {
		return itemView{}
	}
	switch it.Type {
	case shebao.ItemBackpay:
		if p, err := backpay.DecodePayload(it.Payload); err == nil {
			return itemView{Backpay: newBackpayView(p, lang)}
		}
	case shebao.ItemUnitChange, shebao.ItemPersonChange:
		if p, err := changes.DecodePayload(it); err == nil && len(p.Changes) > 0 {
			return itemView{Change: newChangeView(it.Type, p, lang)}
		}
	}
	return itemView{Fields: payloadFields(it.Payload, lang)}
}

// backpayView is a back-pay application as submitted: the months with
// their amounts, the totals, the declared wage and the day it was computed.
type backpayView struct {
	From, To, ComputedOn string
	Wage                 shebao.Fen
	Months               []backpayMonthRow
	Employer, Employee   shebao.Fen
	LateFee, Total       shebao.Fen
	Refusals             []string // messages
}

// backpayMonthRow is one month of a back-pay application.
type backpayMonthRow struct {
	Period             string
	Base               shebao.Fen
	Clamp              string // how the wage was bound to the base limits; "" when it was not
	Employer, Employee shebao.Fen
	LateDays           int
	LateFee            shebao.Fen
}

func newBackpayView(p backpay.Payload, lang i18n.Lang) *backpayView {
	v := &backpayView{From: p.From, To: p.To, ComputedOn: p.ComputedOn, Wage: shebao.Fen(p.Wage),
		Employer: shebao.Fen(p.Employer), Employee: shebao.Fen(p.Employee),
		LateFee: shebao.Fen(p.LateFee), Total: shebao.Fen(p.Total)}
	for _, m := range p.Months {
		row := backpayMonthRow{Period: m.Period, Base: shebao.Fen(m.Base), Employer: shebao.Fen(m.Employer),
			Employee: shebao.Fen(m.Employee), LateDays: m.LateDays, LateFee: shebao.Fen(m.LateFee)}
		if key := "office.review.clamp." + m.Clamp; m.Clamp != string(rules.ClampNone) && i18n.Has(key) {
			row.Clamp = i18n.T(lang, key)
		}
		v.Months = append(v.Months, row)
	}
	for _, r := range p.Refusals {
		v.Refusals = append(v.Refusals, i18n.T(lang, "reason."+r.Reason, r.Args...))
	}
	return v
}

// changeView is an information change: each field with its old and new
// value, and the reason the unit gave.
type changeView struct {
	Rows   []changeRow
	Reason string
}

// changeRow is one changed field, labelled and with its values as people
// read them.
type changeRow struct {
	Field, Label, Old, New string
}

func newChangeView(t shebao.ItemType, p changes.Payload, lang i18n.Lang) *changeView {
	v := &changeView{Reason: p.Reason}
	for _, c := range p.Changes {
		v.Rows = append(v.Rows, changeRow{Field: c.Field, Label: changeLabel(t, c.Field, lang),
			Old: changeValue(c.Field, c.Old, lang), New: changeValue(c.Field, c.New, lang)})
	}
	return v
}

// changeLabel names a changed field: as the item's type names it (a
// unit's name is 单位名称, a person's 姓名), else as the field history does,
// else by its key.
func changeLabel(t shebao.ItemType, field string, lang i18n.Lang) string {
	for _, key := range []string{"office.change." + string(t) + "." + field, "change.field." + field} {
		if i18n.Has(key) {
			return i18n.T(lang, key)
		}
	}
	return field
}

// changeValue shows a field's value: an enumerated one (post category,
// sex) by its label, an empty one as such.
func changeValue(field, value string, lang i18n.Lang) string {
	if value == "" {
		return i18n.T(lang, "office.review.no_value")
	}
	prefix := map[string]string{changes.FieldPostCategory: "change.post.", changes.FieldSex: "sex."}[field]
	if prefix != "" && i18n.Has(prefix+value) {
		return i18n.T(lang, prefix+value)
	}
	return value
}
