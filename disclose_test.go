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

// TestDiscloseStoredItem: a refused item stored with the other unit's name
// (a clerk submitted it, or it predates Disclose) is read by an operator
// without it.
func TestDiscloseStoredItem(t *testing.T) {
	it := shebao.Item{Status: shebao.StatusRefused, Reasons: []string{shebao.ReasonInsuredElsewhere}, ReasonArgs: []string{"北京示例科技有限公司"}}
	got := shebao.Actor{Role: shebao.RoleOperator, UnitID: 2}.DiscloseItem(it)
	if len(got.Reasons) != 1 || got.Reasons[0] != shebao.ReasonInsuredOtherUnit || len(got.ReasonArgs) != 0 {
		t.Errorf("operator reads %v %v", got.Reasons, got.ReasonArgs)
	}
	if it.Reasons[0] != shebao.ReasonInsuredElsewhere {
		t.Error("DiscloseItem changed the caller's item")
	}
	if got := (shebao.Actor{Role: shebao.RoleClerk}).DiscloseItem(it); got.ReasonArgs[0] != "北京示例科技有限公司" {
		t.Errorf("clerk reads %v %v", got.Reasons, got.ReasonArgs)
	}
}
