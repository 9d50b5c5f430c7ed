//! The engine's own texts: warnings that come from metadata and the calendar, not
//! from a policy. Every jurisdiction's texts live in its policies.

use chrono::NaiveDate;

use crate::identifier::IdProblem;
use crate::regulation::Regulation;
use crate::verdict::{Message, Warning};

pub(crate) fn not_in_force(r: &Regulation, day: NaiveDate) -> Warning {
    let until_zh = r.expires.map(|e| format!("至{e}")).unwrap_or_default();
    let until_en = r.expires.map(|e| format!(" until {e}")).unwrap_or_default();
    Warning {
        code: "regulation_not_in_force".into(),
        message: Message {
            zh: format!("申请日期{day}时《{}》不在有效期内（自{}起施行{until_zh}）", r.title, r.in_force),
            en: format!("on {day} the {} is not in force (in force from {}{until_en})", r.title_en, r.in_force),
        },
        rule: None,
        regulation: Some(r.title.clone()),
        article: r.period_article.clone(),
    }
}

/// No regulation of the pack is in force on the request's date, so none decides it.
pub(crate) fn none_in_force(r: &Regulation, day: NaiveDate) -> Message {
    Message {
        zh: format!("申请日期{day}时没有有效的规定可以决定该申请：《{}》不在有效期内", r.title),
        en: format!("on {day} no regulation in force decides the request: the {} is not in force", r.title_en),
    }
}

pub(crate) fn calendar_out_of_range(due: NaiveDate, years: &str) -> Warning {
    Warning {
        code: "calendar_out_of_range".into(),
        message: Message {
            zh: format!("期限{due}超出节假日数据覆盖的年份（{years}），超出部分仅按周末计算工作日"),
            en: format!("the deadline {due} reaches beyond the years the holiday data covers ({years}); there, only weekends were taken as days off"),
        },
        rule: None,
        regulation: None,
        article: None,
    }
}

pub(crate) fn invalid_identifier(number: &str, problem: IdProblem) -> Warning {
    let (zh, en) = match problem {
        IdProblem::Format => (
            "不符合格式：应为18位（17位数字加1位校验码）",
            "is not in the format: 18 characters, 17 digits or code characters and a check character",
        ),
        IdProblem::BirthDate => {
            ("第7至14位的出生日期不是真实日期", "has a birth date (its 7th to 14th digits) that is not a real day")
        }
        IdProblem::Checksum => ("校验码不符", "fails its checksum: the last character is not the one the others give"),
    };
    Warning {
        code: "invalid_identifier".into(),
        message: Message {
            zh: format!("证件号码 `{number}` {zh}（公民身份号码 GB 11643 或统一社会信用代码 GB 32100）"),
            en: format!("the identifier `{number}` {en} (citizen ID GB 11643 or unified social credit code GB 32100)"),
        },
        rule: None,
        regulation: None,
        article: None,
    }
}

/// Rules in force decide requests of the kind, but none decides this one.
pub(crate) fn no_rule_decides(jurisdiction: &Message, kind: &str) -> Message {
    Message {
        zh: format!("{}现行有效的规则中，没有规则对这项申请（{kind}）作出决定：请补充决定所需的事项", jurisdiction.zh),
        en: format!(
            "no rule of {} in force decides this request (kind `{kind}`): it lacks what the rules decide on",
            jurisdiction.en
        ),
    }
}

pub(crate) fn undecided(jurisdiction: &Message, kind: &str) -> Message {
    Message {
        zh: format!("{}的规则未规定此类申请（{kind}）", jurisdiction.zh),
        en: format!("no rule of {} decides a request of kind `{kind}`", jurisdiction.en),
    }
}
