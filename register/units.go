package register

import (
	"strconv"
	"strings"

	"shebao"
	"shebao/billing"
)

// unitRow is a checked row of units.csv.
type unitRow struct {
	n     int
	u     shebao.Unit
	float *int64
}

// unitRows stores the units, matched by credit code, and their floating
// injury rate of this year, a chunk of rows at a time.
func (r *run) unitRows(t *table, c *Counts) error {
	seen := newKeys()
	err := chunked(t, func(rw row) (unitRow, bool) {
		u, float, ok := r.parseUnit(t, rw)
		return unitRow{rw.n, u, float}, ok
	}, func(rows []unitRow, chunk int) error {
		for _, x := range rows {
			if err := seen.add(x.u.CreditCode, x.n, chunk); err != nil {
				return err
			}
		}
		return r.putUnits(rows, c)
	})
	if err != nil {
		seen.s.close()
		return err
	}
	return seen.report(r, t, "credit_code")
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

// putUnits inserts or updates a chunk's units and their floating rates. A
// credit code on an earlier row of the chunk is skipped (a duplicate,
// reported with the file's).
func (r *run) putUnits(rows []unitRow, c *Counts) error {
	codes := make([]string, len(rows))
	for i, x := range rows {
		codes[i] = x.u.CreditCode
	}
	stored, err := r.tx.UnitsByCreditCodes(r.ctx, codes)
	if err != nil {
		return err
	}
	year := r.today.Year()
	var news []shebao.Unit
	floats := map[string]int64{} // new units' rates, set once they have ids
	done := map[string]bool{}
	for _, x := range rows {
		u := x.u
		if done[u.CreditCode] {
			continue
		}
		done[u.CreditCode] = true
		old, found := stored[u.CreditCode]
		if !found {
			news = append(news, u)
			if x.float != nil {
				floats[u.CreditCode] = *x.float
			}
			c.Inserted++
			continue
		}
		u.ID, u.CreatedAt = old.ID, old.CreatedAt
		changed := false
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
		if x.float != nil {
			cur, err := r.tx.UnitInjuryFloat(r.ctx, u.ID, year)
			if err != nil {
				return err
			}
			if cur != *x.float {
				if err := r.tx.SetUnitInjuryFloat(r.ctx, shebao.UnitRate{UnitID: u.ID, Year: year, InjuryFloat: *x.float}); err != nil {
					return err
				}
				changed = true
			}
		}
		if changed {
			c.Updated++
		} else {
			c.Unchanged++
		}
	}
	if err := r.tx.InsertUnits(r.ctx, news); err != nil || len(floats) == 0 {
		return err
	}
	codes = codes[:0]
	for code := range floats {
		codes = append(codes, code)
	}
	added, err := r.tx.UnitsByCreditCodes(r.ctx, codes)
	if err != nil {
		return err
	}
	for code, f := range floats {
		if err := r.tx.SetUnitInjuryFloat(r.ctx, shebao.UnitRate{UnitID: added[code].ID, Year: year, InjuryFloat: f}); err != nil {
			return err
		}
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
