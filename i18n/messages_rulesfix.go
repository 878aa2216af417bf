package i18n

// Messages of the rules fixed on branch rulesfix (docs/RULES.md): the
// registration ending before the item's period, late enrollment (Social
// Insurance Law art. 58), legacy ID numbers at the counter, the floating
// injury rate's bounds per risk class, and the undeclared-base rule.
func init() {
	add(
		[3]string{"reason.REGISTRATION_ENDS_BEFORE_PERIOD",
			"该人员在本单位的就业备案于 %s 终止，早于本业务所属期 %s（参保从该月开始缴费），不能办理。如用工仍在继续，请先到就业服务机构更新就业备案。",
			"The person's employment registration with your unit ends on %s, before this item's period %s (the first month the enrollment would pay for), so it cannot be handled. If the employment goes on, update the registration with the employment service first."},
		[3]string{"note.late_enrollment",
			"逾期参保提示：用工开始于 %s，按《社会保险法》第五十八条应在 %s 前（用工之日起 30 日内）办理参保登记，本次逾期 %s 天。业务照常办理，缴费从本业务所属期开始。",
			"Late enrollment: employment started on %s; under Social Insurance Law art. 58 the employee had to be enrolled by %s (within 30 days of hiring); this enrollment is %s days late. It is handled as usual, with contributions from this item's period."},
		[3]string{"note.late_short", "逾期参保 %s 天", "enrolled %s days late"},
		[3]string{"note.legacy_id",
			"15 位旧身份证号码 %s 已按 GB 11643-1999 升为 18 位（出生年份前加“19”，补校验位），本业务以 18 位号码办理。",
			"The legacy 15-digit ID number %s was converted to 18 characters as GB 11643-1999 does (“19” before the birth year, a check character added); the item uses the 18-character number."},
	)
}
