package i18n

// Messages of stop 9's gaps (docs/RULES.md): legacy ID numbers converted in
// a clerk's imports, stored floating injury rates outside new grades, the
// amount of a back-pay recorded paid by hand, the late-enrollment filter.
func init() {
	add(
		[3]string{"reason.INJURY_FLOATS_OUTSIDE_GRADES",
			"按这些档次，%s 类行业已设定的 %s 个单位浮动费率将超出范围：%s。请先把这些单位的浮动费率调整到新档次内（设为 0 总在范围内），再保存政策。",
			"Under these grades, risk class %s would have %s unit(s) whose floating rate already set falls outside the class's range: %s. Set those units' floating rates within the new grades first (0 always fits), then save the policy."},
		[3]string{"reason.ASSESS_FLOATS_OUTSIDE_GRADES",
			"有 %s 个单位已设定的浮动费率超出本年度政策的行业档次：%s。请管理员先重新设定这些单位的浮动费率，再核定。",
			"The floating rates set for %s unit(s) lie outside their class's grades under this year's policy: %s. An administrator must set those units' rates again before the assessment."},
		[3]string{"billing.backpay_paid_amount", "实缴金额（元）", "Amount paid (yuan)"},
		[3]string{"billing.backpay_paid_fen", "（整笔实缴 %s）", "(%s paid for the item)"},
		[3]string{"reason.NOT_BOOLEAN", "应为 true 或 false。", "must be true or false."},
		[3]string{"items.late_only", "仅逾期参保", "Late enrollments only"},
		[3]string{"employment.conversions", "15 位旧身份证号码已升位的行（%s）", "Rows with a legacy 15-digit ID number converted (%s)"},
	)
}
