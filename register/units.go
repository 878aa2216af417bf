package register

import (
	"strconv"
	"strings"

	"shebao"
	"shebao/billing"
)

// unitRows stores the units, matched by credit code, and their floating
// injury rate of this year.
func (r *run) unitRows(t *table, c *Counts) error {
	seen := map[string]int{}
	return t.each(func(rw row) error {
		u, float, ok := r.parseUnit(t, rw)
		if !ok || r.dup(t, rw, "credit_code", u.CreditCode, seen) {
			return nil
		}
		if err := r.putUnit(u, float, c); err != nil {
			return err
		}
		return nil
	})
}

// parseUnit checks a row of units.csv. float is nil when the cell is empty.
func (r *run) parseUnit(t *table, rw row) (shebao.Unit, *int64, bool) {
	u := shebao.Unit{CreditCode: r.creditCode(t, rw), Status: shebao.UnitActive, CreatedAt: r.now}
	ok := u.CreditCode != ""
	var good bool
	if u.Name, good = r.required(t, rw, "name", 100); !good {
		ok = false
	}
	for _, f := range []struct {
		col string
		dst *string
		max int
	}{{"bank_account", &u.BankAccount, 40}, {"contact", &u.Contact, 50}, {"phone", &u.Phone, 30},
		{"address", &u.Address, 200}, {"legal_rep", &u.LegalRep, 50}, {"industry", &u.Industry, 50}} {
		if *f.dst, good = r.optional(t, rw, f.col, f.max); !good {
			ok = false
		}
	}
	class, err := strconv.Atoi(rw.get("risk_class"))
	if err != nil || class < 1 || class > 8 {
		r.fail(t, rw, "risk_class", ReasonRiskClass)
		ok = false
	}
	u.RiskClass = class
	switch strings.ToLower(rw.get("status")) {
	case "", "active", "正常":
	case "suspended", "暂停":
		u.Status = shebao.UnitSuspended
	default:
		r.fail(t, rw, "status", ReasonBadValue, "active, suspended, 正常, 暂停")
		ok = false
	}
	var float *int64
	if v := rw.get("injury_float"); v != "" {
		f, err := billing.ParseInjuryFloat(v)
		if err == nil && ok { // within the class's grades; before any policy is imported, unchecked
			if e := billing.InjuryFloatAllowed(r.ctx, r.tx, class, r.today.Year(), f, r.today); shebao.ErrorCode(e) != shebao.EREFUSED {
				err = e
			}
		}
		if err != nil {
			r.bad(t, rw, "injury_float", err)
			ok = false
		}
		float = &f
	}
	return u, float, ok
}

// putUnit inserts or updates a unit and its floating rate.
func (r *run) putUnit(u shebao.Unit, float *int64, c *Counts) error {
	old, err := r.tx.UnitByCreditCode(r.ctx, u.CreditCode)
	changed := false
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
		if err := r.tx.CreateUnit(r.ctx, &u); err != nil {
			return err
		}
		c.Inserted++
	case err != nil:
		return err
	default:
		u.ID, u.CreatedAt = old.ID, old.CreatedAt
		if u != old {
			if err := r.tx.UpdateUnit(r.ctx, u); err != nil {
				return err
			}
			changed = true
		}
		if u.BankAccount != old.BankAccount { // the deduction account from today (docs/COLLECTION.md)
			if err := r.tx.SetUnitAccount(r.ctx, u.ID, old.BankAccount, u.BankAccount, r.today, 0); err != nil {
				return err
			}
		}
	}
	r.units[u.CreditCode] = u.ID
	if float != nil {
		year := r.today.Year()
		cur, err := r.tx.UnitInjuryFloat(r.ctx, u.ID, year)
		if err != nil {
			return err
		}
		if cur != *float || old.ID == 0 {
			if err := r.tx.SetUnitInjuryFloat(r.ctx, shebao.UnitRate{UnitID: u.ID, Year: year, InjuryFloat: *float}); err != nil {
				return err
			}
			changed = changed || old.ID != 0
		}
	}
	switch {
	case old.ID == 0:
	case changed:
		c.Updated++
	default:
		c.Unchanged++
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
