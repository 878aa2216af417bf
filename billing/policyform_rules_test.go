package billing

import (
	"strings"
	"testing"

	"shebao"
	"shebao/rules"
)

// TestUndeclaredBaseInTheForm: the rule for undeclared bases is a key of
// the policy form and file, checked; a file without it keeps "keep".
func TestUndeclaredBaseInTheForm(t *testing.T) {
	base := rules.DefaultPolicy(2027, 1_100_000)
	f := FormOf(base)
	f.UndeclaredBase = "floor"
	p, errs := f.Policy()
	if len(errs) > 0 || p.UndeclaredBase != "floor" {
		t.Fatalf("floor: %q, %v", p.UndeclaredBase, errs)
	}
	if back := FormOf(p); back.UndeclaredBase != "floor" || back.Values()["undeclared_base"] != "floor" {
		t.Errorf("the form shows %q", back.UndeclaredBase)
	}
	f.UndeclaredBase = "raise"
	if _, errs := f.Policy(); len(errs) != 1 || shebao.AsError(errs[0]).Field != "undeclared_base" ||
		shebao.AsError(errs[0]).Reason != rules.ReasonUndeclaredRule {
		t.Errorf("raise: %v, want undeclared_base refused", errs)
	}
	file, err := DecodePolicyFile(strings.NewReader(`{"year": 2027, "undeclared_base": "floor"}`))
	if err != nil || file.UndeclaredBase != "floor" {
		t.Errorf("a file with undeclared_base: %+v, %v", file.UndeclaredBase, err)
	}
}

// TestInjuryGradesInTheForm: per class, the floating grades "lo-hi" in
// percent of the class rate; empty is the national grades.
func TestInjuryGradesInTheForm(t *testing.T) {
	f := FormOf(rules.DefaultPolicy(2027, 1_100_000))
	if f.InjuryGrades[0] != "" {
		t.Fatalf("default grades shown as %q, want empty (national)", f.InjuryGrades[0])
	}
	f.InjuryGrades[7] = "80-120"
	p, errs := f.Policy()
	if len(errs) > 0 || p.InjuryFloatMin[7] != 80 || p.InjuryFloatMax[7] != 120 {
		t.Fatalf("grades of class 8: %d-%d, %v", p.InjuryFloatMin[7], p.InjuryFloatMax[7], errs)
	}
	if lo, hi := rules.InjuryFloatBounds(p, 8); lo != -380 || hi != 380 { // 1.9% × 80% … 120%
		t.Errorf("class 8 bounds %d…%d, want -380…380", lo, hi)
	}
	if FormOf(p).InjuryGrades[7] != "80-120" {
		t.Errorf("the form shows %q", FormOf(p).InjuryGrades[7])
	}
	for in, reason := range map[Text]string{"80": ReasonGradesMalformed, "a-b": ReasonGradesMalformed, "120-150": rules.ReasonInjuryGrades} {
		f.InjuryGrades[7] = in
		_, errs := f.Policy()
		if len(errs) != 1 || shebao.AsError(errs[0]).Field != "injury_grades_8" || shebao.AsError(errs[0]).Reason != reason {
			t.Errorf("%q: %v, want %s on injury_grades_8", in, errs, reason)
		}
	}
}
