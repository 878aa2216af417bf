package api

import (
	"strconv"

	"shebao/billing"
)

// A bill is written by hand, as items are (items_json.go): encoding/json's
// reflection over a bill's persons and lines was a sixth of the CPU of GET
// /api/v1/bill (docs/PERFORMANCE.md, "The live bill (stop 11)"). The bytes
// are those encoding/json writes for the same values with
// SetEscapeHTML(false) (TestBillJSONAsEncodingJSON).

func (b billJSON) appendJSON(out []byte) []byte {
	out = strconv.AppendInt(append(out, `{"unit_id":`...), b.UnitID, 10)
	out = appendField(out, "unit_name", b.UnitName)
	out = appendField(out, "period", b.Period)
	out = strconv.AppendBool(append(out, `,"closed":`...), b.Closed)
	out = strconv.AppendBool(append(out, `,"paid":`...), b.Paid)
	out = strconv.AppendInt(append(out, `,"policy_year":`...), int64(b.PolicyYear), 10)
	out = strconv.AppendInt(append(out, `,"policy_version":`...), int64(b.PolicyVersion), 10)
	out = strconv.AppendInt(append(out, `,"risk_class":`...), int64(b.RiskClass), 10)
	out = strconv.AppendInt(append(out, `,"injury_float":`...), b.InjuryFloat, 10)
	out = strconv.AppendInt(append(out, `,"total_fen":`...), b.TotalFen, 10)
	out = strconv.AppendInt(append(out, `,"employer_fen":`...), b.EmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"employee_fen":`...), b.EmployeeFen, 10)
	out = appendArray(append(out, `,"by_insurance":`...), b.ByInsurance, insuranceSumJSON.appendJSON)
	out = appendArray(append(out, `,"persons":`...), b.Persons, personMonthJSON.appendJSON)
	out = appendArray(append(out, `,"backpay":`...), b.Backpay, backpayLineJSON.appendJSON)
	out = strconv.AppendInt(append(out, `,"backpay_employer_fen":`...), b.BackpayEmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"backpay_employee_fen":`...), b.BackpayEmployeeFen, 10)
	out = strconv.AppendInt(append(out, `,"backpay_late_fee_fen":`...), b.BackpayLateFeeFen, 10)
	out = strconv.AppendInt(append(out, `,"charged_fen":`...), b.ChargedFen, 10)
	return append(out, '}')
}

func (l backpayLineJSON) appendJSON(out []byte) []byte {
	out = strconv.AppendInt(append(out, `{"item_id":`...), l.ItemID, 10)
	out = strconv.AppendInt(append(out, `,"person_id":`...), l.PersonID, 10)
	out = appendField(out, "name", l.Name)
	out = appendField(out, "id_number_masked", l.IDNumberMasked)
	out = strconv.AppendInt(append(out, `,"base_fen":`...), l.BaseFen, 10)
	out = strconv.AppendInt(append(out, `,"employer_fen":`...), l.EmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"employee_fen":`...), l.EmployeeFen, 10)
	out = strconv.AppendInt(append(out, `,"late_fee_fen":`...), l.LateFeeFen, 10)
	out = strconv.AppendBool(append(out, `,"paid":`...), l.Paid)
	out = strconv.AppendInt(append(out, `,"paid_fen":`...), l.PaidFen, 10)
	return append(out, '}')
}

func (s insuranceSumJSON) appendJSON(out []byte) []byte {
	out = appendJSONString(append(out, `{"insurance":`...), s.Insurance)
	out = strconv.AppendInt(append(out, `,"persons":`...), int64(s.Persons), 10)
	out = strconv.AppendInt(append(out, `,"employer_fen":`...), s.EmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"employee_fen":`...), s.EmployeeFen, 10)
	return append(out, '}')
}

func (m personMonthJSON) appendJSON(out []byte) []byte {
	out = strconv.AppendInt(append(out, `{"person_id":`...), m.PersonID, 10)
	out = appendField(out, "name", m.Name)
	out = appendField(out, "id_number_masked", m.IDNumberMasked)
	out = strconv.AppendInt(append(out, `,"employer_fen":`...), m.EmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"employee_fen":`...), m.EmployeeFen, 10)
	out = appendArray(append(out, `,"lines":`...), m.Lines, appendLineJSON)
	return append(out, '}')
}

// appendLineJSON appends a bill's line as its explanation (lineOf).
func appendLineJSON(l billing.Line, out []byte) []byte { return lineOf(l).appendJSON(out) }

func (l lineJSON) appendJSON(out []byte) []byte {
	out = appendJSONString(append(out, `{"insurance":`...), l.Insurance)
	out = strconv.AppendInt(append(out, `,"declared_base_fen":`...), l.DeclaredBaseFen, 10)
	out = strconv.AppendInt(append(out, `,"base_fen":`...), l.BaseFen, 10)
	out = appendField(out, "clamp", l.Clamp)
	out = strconv.AppendInt(append(out, `,"floor_fen":`...), l.FloorFen, 10)
	out = strconv.AppendInt(append(out, `,"ceiling_fen":`...), l.CeilingFen, 10)
	out = strconv.AppendInt(append(out, `,"employer_rate":`...), l.EmployerRate, 10)
	out = strconv.AppendInt(append(out, `,"employee_rate":`...), l.EmployeeRate, 10)
	out = appendField(out, "rounding", l.Rounding)
	out = strconv.AppendInt(append(out, `,"employer_fen":`...), l.EmployerFen, 10)
	out = strconv.AppendInt(append(out, `,"employee_fen":`...), l.EmployeeFen, 10)
	return append(out, '}')
}
