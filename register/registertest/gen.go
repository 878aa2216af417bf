// Package registertest writes generated registers for tests and for the
// measurements in docs/PERFORMANCE.md: units, persons with 15 years of
// coverage spans at three units, declared bases, registrations and one
// operator per unit, all valid.
package registertest

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"shebao"
	"shebao/rules"
)

// Size is how much to generate.
type Size struct {
	Units, Persons int
	Today          shebao.Date
}

// CreditCode returns the credit code of generated unit i.
func CreditCode(i int) string {
	for n := i; ; n += 1_000_000 {
		if code, ok := rules.MakeCreditCode(fmt.Sprintf("91110105%08d", n)); ok {
			return code
		}
	}
}

// IDNumber returns the ID number of generated person i (i < 6,300,000):
// even persons are women, odd ones men.
func IDNumber(i int) string {
	birth := shebao.NewDate(1966+(i/15)%30, time.Month(1+i%12), 1+i/225_000)
	b := birth.String()
	first17 := fmt.Sprintf("1101%02d%s%s%s%03d", 1+i%15, b[0:4], b[5:7], b[8:10], 2*((i/450)%500)+i%2)
	return first17 + string(rules.IDCheckChar(first17))
}

// Unit returns the unit person i works at now; the earlier two follow it.
func Unit(i, units int) int { return i % units }

// Write writes units.csv, persons.csv, coverages.csv, bases.csv,
// registrations.csv and operators.csv into dir. Person i has pension
// coverage 180 to 121 months ago at unit i+2, 120 to 61 months ago at unit
// i+1 and open from 60 months ago at unit i, and medical coverage open at
// unit i from 60 months ago; a declared base for this year; a registration
// with unit i.
func Write(dir string, s Size) error {
	cur := s.Today.Period()
	w := writer{dir: dir}
	w.file("units.csv", []string{"credit_code", "name", "risk_class", "injury_float", "bank_account", "contact",
		"phone", "address", "legal_rep", "status"}, s.Units, func(i int) []string {
		return []string{CreditCode(i), fmt.Sprintf("单位%05d有限公司", i), fmt.Sprint(1 + i%8), "",
			fmt.Sprintf("6222%012d", i), "联系人", "010-8888" + fmt.Sprintf("%04d", i%10000), "北京市朝阳区", "法人", "active"}
	})
	w.file("persons.csv", []string{"id_number", "name", "post_category", "phone", "address"}, s.Persons, func(i int) []string {
		post := ""
		if i%2 == 0 {
			post = "worker"
		}
		return []string{IDNumber(i), fmt.Sprintf("人员%06d", i), post, "", ""}
	})
	spans := [][3]int{{2, -180, -121}, {1, -120, -61}, {0, -60, 0}}
	w.file("coverages.csv", []string{"id_number", "credit_code", "insurance", "from", "to", "base"}, s.Persons*4, func(n int) []string {
		i, k := n/4, n%4
		id := IDNumber(i)
		if k == 3 {
			return []string{id, CreditCode(Unit(i, s.Units)), "medical", cur.AddMonths(-60).String(), "", "8000.00"}
		}
		sp := spans[k]
		to := ""
		if sp[2] != 0 {
			to = cur.AddMonths(sp[2]).String()
		}
		return []string{id, CreditCode((i + sp[0]) % s.Units), "pension", cur.AddMonths(sp[1]).String(), to, "8000.00"}
	})
	w.file("bases.csv", []string{"id_number", "credit_code", "year", "wage"}, s.Persons, func(i int) []string {
		return []string{IDNumber(i), CreditCode(Unit(i, s.Units)), fmt.Sprint(s.Today.Year()), "8500.00"}
	})
	start := cur.AddMonths(-60).FirstDay()
	w.file("registrations.csv", []string{"source_id", "id_number", "name", "credit_code", "start", "registered_on", "end"},
		s.Persons, func(i int) []string {
			return []string{fmt.Sprintf("R%07d", i), IDNumber(i), fmt.Sprintf("人员%06d", i), CreditCode(Unit(i, s.Units)),
				start.String(), start.AddDays(-10).String(), ""}
		})
	w.file("operators.csv", []string{"credit_code", "username", "display_name"}, s.Units, func(i int) []string {
		return []string{CreditCode(i), fmt.Sprintf("op%05d", i), "经办人"}
	})
	return w.err
}

type writer struct {
	dir string
	err error
}

func (w *writer) file(name string, header []string, n int, row func(int) []string) {
	if w.err != nil {
		return
	}
	f, err := os.Create(filepath.Join(w.dir, name))
	if err != nil {
		w.err = err
		return
	}
	b := bufio.NewWriter(f)
	c := csv.NewWriter(b)
	_ = c.Write(header)
	for i := 0; i < n; i++ {
		_ = c.Write(row(i))
	}
	c.Flush()
	if err := c.Error(); err != nil {
		w.err = err
	}
	if err := b.Flush(); err != nil && w.err == nil {
		w.err = err
	}
	if err := f.Close(); err != nil && w.err == nil {
		w.err = err
	}
}
