package demo

import (
	"context"
	"fmt"

	"shebao"
	"shebao/rules"
)

// retirementCases adds the tour's retirement pre-review cases to unit a: a
// man a few months from 60 whose contributions fall short of the minimum,
// and a woman whose post category is unknown (the pre-review asks for it).
func (l *loader) retirementCases(ctx context.Context, a shebao.Unit) error {
	birth := l.today.Period().AddMonths(-60*12 + 3).FirstDay().AddDays(9)
	man, err := l.personBorn(ctx, birth, shebao.Male, shebao.PostNone)
	if err != nil {
		return err
	}
	// Insured for 14 years: by his retirement month he is still short of 15.
	l.insuredSince(man, a, l.today.Period().AddMonths(-14*12))
	woman, err := l.personBorn(ctx, shebao.NewDate(1975, 6, 18), shebao.Female, shebao.PostNone)
	if err != nil {
		return err
	}
	l.insuredSince(woman, a, l.today.Period().AddMonths(-20*12))
	l.guide.RetirementShort, l.guide.RetirementNoPost = man.IDNumber, woman.IDNumber
	return nil
}

// personBorn creates a person of a given birth date, sex and post category.
func (l *loader) personBorn(ctx context.Context, birth shebao.Date, sex shebao.Sex, post shebao.PostCategory) (shebao.Person, error) {
	for seq := 11 + l.g.r.IntN(400)*2; ; seq += 2 {
		if sex == shebao.Female {
			seq++
		}
		first17 := fmt.Sprintf("110105%08d%03d", int32(birth), seq%1000)
		id := first17 + string(rules.IDCheckChar(first17))
		if !l.g.ids.take(id) {
			continue
		}
		l.guide.Persons++
		p := shebao.Person{IDNumber: id, Name: l.g.name(), Sex: sex, BirthDate: birth, PostCategory: post,
			Phone: fmt.Sprintf("13%09d", l.g.r.IntN(1e9))}
		return p, l.tx.CreatePerson(ctx, &p)
	}
}

// insuredSince plans p's registration with u on the first day of period
// first and p's enrollment at the counter a few days later, at a wage
// below the base floor: a long history that predates the demo's other
// items.
func (l *loader) insuredSince(p shebao.Person, u shebao.Unit, first shebao.Period) {
	day, _ := l.dayIn(first, shebao.Counter, first.FirstDay().AddDays(3))
	l.employ(p, u, day, first.FirstDay(), shebao.Counter, avgWage(first.Year())/2/10000*10000)
}
