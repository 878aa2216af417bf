package shebao_test

import (
	"testing"

	"shebao"
)

// TestDisclose: an operator is told a person is insured by another unit,
// not which; staff are told which.
func TestDisclose(t *testing.T) {
	e := shebao.RefusedNaming(shebao.ReasonInsuredElsewhere, shebao.ReasonInsuredOtherUnit, "上海另一贸易有限公司")
	op := shebao.Actor{Role: shebao.RoleOperator, UnitID: 1}
	if got := op.Disclose(e); got.Reason != shebao.ReasonInsuredOtherUnit || len(got.Args) != 0 || got.Code != shebao.EREFUSED {
		t.Errorf("operator reads %+v", got)
	}
	for _, r := range []shebao.Role{shebao.RoleClerk, shebao.RoleReviewer, shebao.RoleAdmin} {
		if got := (shebao.Actor{Role: r}).Disclose(e); got.Reason != shebao.ReasonInsuredElsewhere || got.Args[0] != "上海另一贸易有限公司" {
			t.Errorf("%s reads %+v", r, got)
		}
	}
	plain := shebao.Refused(shebao.ReasonNoRegistration)
	if op.Disclose(plain) != plain || op.Disclose(nil) != nil {
		t.Error("a refusal that names nobody changed")
	}
}
