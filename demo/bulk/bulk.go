// Package bulk writes a benchmark district straight into the tables, for
// sizes that building through the services (package demo, `shebao seed`)
// would take hours to reach — a city of 5,000,000 insured persons: units
// with valid unified social credit codes, persons with valid ID numbers,
// each person's employment registration with their unit, and an active
// coverage of every insurance type from the month after the registration.
// It makes no items, accounts or history: it is data for the district
// assessment's measurements (docs/PERFORMANCE.md, "The district
// assessment"), not a district to click through.
package bulk

import (
	"context"
	"fmt"

	"shebao"
	"shebao/register/registertest"
	"shebao/rules"
)

// Loader is where the rows go: sqldb.DB's BulkLoad and BulkDone.
type Loader interface {
	BulkLoad(ctx context.Context, table string, cols []string, n int, row func(i int, vals []any)) error
	BulkDone(ctx context.Context) error
}

// Size is the district to write. Persons are PerUnit to a unit, in id
// order (unit u has persons (u-1)·PerUnit+1 …); person i registers on the
// 5th of month First+(i mod Months)−1 and is insured from First+(i mod
// Months) on.
type Size struct {
	Persons int // at most MaxPersons
	PerUnit int
	First   shebao.Period // the first month of insurance
	Months  int           // months over which the insurance starts spread
}

// MaxPersons is the most persons Load gives distinct ID numbers.
const MaxPersons = 6_300_000

// Units returns the number of units of the district.
func (s Size) Units() int { return (s.Persons + s.PerUnit - 1) / s.PerUnit }

// Load writes the district into an empty database, table by table, and
// ends the load (Loader.BulkDone). Memory stays at a batch of rows.
func Load(ctx context.Context, db Loader, s Size) error {
	switch {
	case s.Persons < 1 || s.Persons > MaxPersons || s.PerUnit < 1 || s.Months < 1:
		return fmt.Errorf("bulk: want 1 ≤ persons ≤ %d, a unit's persons ≥ 1 and months ≥ 1", MaxPersons)
	case !s.First.Valid():
		return fmt.Errorf("bulk: first period %d is not a period", s.First)
	}
	steps := []struct {
		table string
		cols  []string
		n     int
		row   func(i int, v []any)
	}{
		{"units", []string{"id", "credit_code", "name", "risk_class", "status", "created_at"}, s.Units(), s.unit},
		{"persons", []string{"id", "id_number", "name", "sex", "birth_date", "post_category"}, s.Persons, s.person},
		{"registrations", []string{"id", "source_id", "person_id", "unit_id", "start_on", "registered_on", "end_on"}, s.Persons, s.registration},
		{"coverages", []string{"id", "person_id", "unit_id", "insurance", "status", "first_period", "base"}, 4 * s.Persons, s.coverage},
	}
	for _, st := range steps {
		if err := db.BulkLoad(ctx, st.table, st.cols, st.n, st.row); err != nil {
			return err
		}
	}
	return db.BulkDone(ctx)
}

// unit writes unit i+1: every risk class in turn.
func (s Size) unit(i int, v []any) {
	v[0], v[1], v[2], v[3], v[4], v[5] = int64(i+1), registertest.CreditCode(i), fmt.Sprintf("基准单位%06d有限公司", i+1),
		int64(1+i%8), string(shebao.UnitActive), int64(0)
}

// person writes person i+1, whose sex and birth date are their ID
// number's; women have a post category (the retirement age needs it).
func (s Size) person(i int, v []any) {
	id := registertest.IDNumber(i)
	info, err := rules.ParseIDNumber(id, shebao.NewDate(2100, 1, 1))
	if err != nil {
		panic("bulk: generated ID number " + id + ": " + err.Error()) // registertest.IDNumber is valid for i < MaxPersons
	}
	post := ""
	if info.Sex == shebao.Female {
		post = string([]shebao.PostCategory{shebao.PostWorker, shebao.PostCadre}[i/2%2])
	}
	v[0], v[1], v[2], v[3], v[4], v[5] = int64(i+1), id, fmt.Sprintf("参保人%07d", i+1), string(info.Sex),
		int64(info.Birth), post
}

// registration writes person i+1's registration with their unit.
func (s Size) registration(i int, v []any) {
	on := s.first(i).AddMonths(-1).FirstDay().AddDays(4)
	v[0], v[1], v[2], v[3], v[4], v[5], v[6] = int64(i+1), fmt.Sprintf("BULK-%d", i+1), int64(i+1), s.unitOf(i),
		int64(on), int64(on), int64(0)
}

// coverage writes coverage n+1: insurance n mod 4 of person n/4+1, with a
// base spread over ¥3,000–¥33,000 (some below a usual year's floor, some
// above its ceiling), the same for the person's four insurance types.
func (s Size) coverage(n int, v []any) {
	i := n / 4
	v[0], v[1], v[2], v[3], v[4], v[5], v[6] = int64(n+1), int64(i+1), s.unitOf(i), string(shebao.Insurances[n%4]),
		string(shebao.CoverageActive), int64(s.first(i)), int64(300_000+(int64(i+1)*7919)%3_000_000)
}

func (s Size) unitOf(i int) int64        { return int64(i/s.PerUnit + 1) }
func (s Size) first(i int) shebao.Period { return s.First.AddMonths(i % s.Months) }
