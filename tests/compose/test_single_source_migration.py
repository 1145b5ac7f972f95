"""No translated sentence was lost when the sections moved to one English source + catalogs.

``golden-before-single-source/<lang>-<format>.txt`` is what ``pdftotext`` read from the PDFs
built before the move (commit 60b8211, ``booklet build --project tests/roots/single-source
-r us -l <lang> -f booklet -f trifold -f card``). That project's region prints no helplines
or locator, so every sentence comes from the section templates and catalogs. Each language
is built again from the catalogs and its sentences are compared with those; the only
differences allowed are the ones listed in ``CHANGES``, each with its reason: the move itself
(where two copies of one English sentence had two translations, the catalog keeps one) and
every later change of the printed text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOTS, pdf_text

BEFORE = Path(__file__).parent / "golden-before-single-source"
FORMATS = ("booklet", "trifold", "card")
CONTROL = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]")

Sentences = dict[str, int]
CHANGES: dict[str, dict[str, tuple[Sentences, Sentences]]] = {
    # Where two copies of one English sentence had two translations, the catalog keeps one.
    "one translation per message": {
        # "Lay them on their side." (overdose section, tri-fold steps)
        "es": ({"Acuésteladelado.": 1}, {"Acuestealapersonadelado.": 1}),
        # "Try to keep the person awake and breathing.": the section's copy had a shadda
        # (ويتنفّس) the tri-fold's lacked; the step now extracts as one run.
        "ar": ({"911ًّويتنفس.": 1, "مستيقظا.": 1}, {".": 1, "911ًمستيقظاويتنفس.": 1}),
    },
    # Issue 13 (helpline provenance), after the move: the help page says where each line's
    # details come from instead of "when we last checked".
    "help page names each line's source": {
        "en": ({"Eachoneshowswhenwelastcheckeditsdetails.": 1},
               {"Undereachone,wesaywhereitsdetailscomefromandwhen:aphonecall,anofficialwebsite"
                "oranothersource.": 1}),
        "es": ({"Cadaunodicecuándorevisamossusdatosporúltimavez.": 1},
               {"Debajodecadaunodecimosdedóndevienensusdatosycuándo:unallamada,unsitioweboficial"
                "uotrafuente.": 1}),
        "fr": ({"Pourchacun,vousvoyezladatedenotredernièrevérification.": 1},
               {"Pourchacun,nousindiquonsd’oùviennentsesinformationsetquand:unappel,unsiteofficiel"
                "ouuneautresource.": 1}),
        "ar": ({"معكلخدمةتاريخآخرمرةّتحققنافيهامنمعلوماتها.": 1},
               {"نذكرتحتكلخدمةمصدرمعلوماتهاوتاريخه:مكالمةهاتفية،أوموقعرسمي،أومصدرآخر.": 1}),
        "zh-Hans": ({"每项服务都写明了我们最后一次核实信息的日期。": 1},
                    {"每项服务下方都注明了信息的来源和时间：电话确认、官方网站或其他来源。": 1}),
    },
    # Issue 16 (print shop and screen readers): the edition, review dates and languages
    # moved from the back matter to the back cover, so the sentences pdftotext joins across
    # those blocks differ; Arabic citations are one left-to-right run each, and the medial
    # ئ (U+FE8C) extracts again ("مفاجئًا" lost its letter before); English source names
    # in Chinese are set in the Latin font (lang="en"), which moves pdftotext's joins across
    # tri-fold panels.
    "issue 16: colophon on the back cover, citations as one run, medial yeh extracts": {
        "en": (
            {
                'gov/find-help/national-helplineEdition20'
                '26.': 1,
                '1·LastreviewedNov22,2026·NextreviewbyNov'
                '22,2027Thishandoutisavailablein:English,'
                'Spanish,Chinese(Simplified),Arabic,andFr'
                'ench9NotesQuestionsforyourhealthworker,n'
                'ames,dates:MyoverdosesafetyplanFillthisi'
                'n.': 1,
                'WhereIkeepmynaloxoneWhereIcangetmorenalo'
                'xoneSomeonewhocancheckonme,soIneveruseal'
                'oneEmergencynumber:911YourclinicClinicst'
                'ampNameAddressPhoneOpeninghoursNextvisit': 1,
            },
            {
                'gov/find-help/national-helpline9NotesQue'
                'stionsforyourhealthworker,names,dates:My'
                'overdosesafetyplanFillthisin.': 1,
                'WhereIkeepmynaloxoneWhereIcangetmorenalo'
                'xoneSomeonewhocancheckonme,soIneveruseal'
                'oneEmergencynumber:911YourclinicClinicst'
                'ampNameAddressPhoneOpeninghoursNextvisit'
                'Edition2026.': 1,
                '1·LastreviewedNov22,2026·NextreviewbyNov'
                '22,2027Thishandoutisavailablein:English,'
                'Spanish,Chinese(Simplified),Arabic,andFr'
                'ench': 1,
            },
        ),
        "es": (
            {
                'gov/find-help/national-helplineEdición20'
                '26.': 1,
                '1·Últimarevisión:22nov2026·Próximarevisi'
                'ón:22nov2027Idiomasdeestefolleto:inglés,'
                'español,chino(simplificado),árabeyfrancé'
                's9NotasPreguntasparasuequipodesalud,nomb'
                'res,fechas:Miplandeseguridadcontralasobr'
                'edosisLleneestahoja.': 1,
                'DóndeguardominaloxonaDóndepuedoconseguir'
                'másnaloxonaAlguienquepuedavercómoestoy,p'
                'aranuncausarasolasNúmerodeemergencia:911'
                'SuclínicaSellodelaclínicaNombreDirección'
                'TeléfonoHorariodeatenciónPróximacita': 1,
            },
            {
                'gov/find-help/national-helpline9NotasPre'
                'guntasparasuequipodesalud,nombres,fechas'
                ':MiplandeseguridadcontralasobredosisLlen'
                'eestahoja.': 1,
                'DóndeguardominaloxonaDóndepuedoconseguir'
                'másnaloxonaAlguienquepuedavercómoestoy,p'
                'aranuncausarasolasNúmerodeemergencia:911'
                'SuclínicaSellodelaclínicaNombreDirección'
                'TeléfonoHorariodeatenciónPróximacitaEdic'
                'ión2026.': 1,
                '1·Últimarevisión:22nov2026·Próximarevisi'
                'ón:22nov2027Idiomasdeestefolleto:inglés,'
                'español,chino(simplificado),árabeyfrancé'
                's': 1,
            },
        ),
        "fr": (
            {
                'gov/find-help/national-helplineÉdition20'
                '26.': 1,
                '2027Cedocumentexisteen:anglais,espagnol,'
                'chinois(simplifié),arabeetfrançais11Votr'
                'ecliniqueTampondelacliniqueNomAdresseTél'
                'éphoneHeuresd’ouvertureProchainrendez-vo'
                'us': 1,
            },
            {
                'gov/find-help/national-helpline11Votrecl'
                'iniqueTampondelacliniqueNomAdresseTéléph'
                'oneHeuresd’ouvertureProchainrendez-vousÉ'
                'dition2026.': 1,
                '2027Cedocumentexisteen:anglais,espagnol,'
                'chinois(simplifié),arabeetfrançais': 1,
            },
        ),
        "ar": (
            {
                'سيخبركالعاملجداقديسببانسحاًبامفاجًاالصحي'
                'متىيكونالبدءآمًنا.': 1,
                'تحدثمععاملصحيعنحالتكأنتالمصادرُماهوالهير'
                'وين)2026/11/22(روجعفيnida.': 1,
                'gov/research-topics/heroin.': 1,
                'NationalInstituteonDrugAbuse•nida.': 4,
                'gov/.': 2,
                'NationalInstituteonDrugAbuse•publication'
                's/research-reports/heroinwww.': 1,
                'gov/stop-.': 1,
                'CentersforDiseaseControlandPrevention•ov'
                'erdose/caring/fentanyl-facts.': 1,
                'htmlُالجرعةالزائدةوالنالوكسون)2026/11/22'
                '(روجعفيWhattoDoifYouThinkSomeone.': 1,
                'CentersforDiseaseControlandPrevention•ww'
                'w.': 2,
                'html.': 1,
                'isOverdosingSafetyandEffectivenessof.': 1,
                'gov/syringe-services-programs/php/.': 1,
                'SyringeServicesProgramssafety-effectiven'
                'ess.': 1,
                'htmlCommunitymanagementofopioidoverdose.': 1,
                'WorldHealthOrganization•www.': 1,
                'int/publications/i/item/9789241548816.': 1,
                ')2014(ُأعراضالانسحاب)2026/11/22(روجعفيni'
                'da.': 1,
                'NationalInstituteonDrugAbuse•publication'
                's/research-reports/heroinMedicationstoTr'
                'eatOpioidUseDisorder.': 1,
                'gov/publications/research-reports/medica'
                'tions-to-.': 2,
                'ResearchReporttreat-opioid-addictionُأدو'
                'يةاضطرابتعاطيالموادالأفيونية)2026/11/22('
                'روجعفيMedicationstoTreatOpioidUseDisorde'
                'r.': 1,
                'ResearchReporttreat-opioid-addictionُالإ'
                'رشادوالدعم)2026/11/22(روجعفيPrinciplesof'
                'DrugAddictionTreatment:A.': 1,
                'gov/publications/principles-drug-addicti'
                'on-.': 1,
                'Research-BasedGuidetreatment-research-ba'
                'sed-guide-third-editionwww.': 1,
                'org.': 1,
                'RecoveryResearchInstitute•ُأينتجدالمساعد'
                'ة)2026/11/22(روجعفيNational.': 1,
                'SubstanceAbuseandMentalHealthServicesAdm'
                'inistration•www.': 1,
                'gov/find-help/national-helpline.': 1,
                'Helpline2027/11/22·المراجعةالقادمةقبل202'
                '6/11/22:·آخرمراجعة2026.': 1,
                '1الإصدارالإنجليزيةوالإسبانيةوالصينية(الم'
                'بسطة)والعربيةوالفرنسية:هذهالنشرةمتوفرةبا'
                'للغات9ملاحظاتأسلةللعاملالصحي،وأسماء،وتوا'
                'ريخ:خطتيللأمانمنالجرعةالزائدةاملأهذهالصف'
                'حة.': 1,
                'أينأحتفظبالنالوكسونأينأحصلعلىالمزيدمنالن'
                'الوكسونعلي،حتىلاأتعاطىوحديًأبداشخصيطمنّر'
                'قمالطوارئ911:عيادتكختمالعيادةالاسمالعنوا'
                'نالهاتفساعاتالعملالزيارةالقادمة': 1,
                'ِSubstance;RecoveryResearchInstitute;Org'
                'anization.': 1,
                'AbuseandMentalHealthServicesAdministrati'
                'onينتهيمفعولالنالوكسونخلال30إلى90دقيقة.': 1,
                'كثيرمندوائرالصحةوالبرامجتوزعهWorldHealth'
                ';DiseaseControlandPreventionجرعةزائدة؟': 1,
            },
            {
                'سيخبركالعاملجداقديسببانسحاًبامفاجًئاالصح'
                'يمتىيكونالبدءآمًنا.': 1,
                'تحدثمععاملصحيعنحالتكأنتالمصادرُماهوالهير'
                'وين)2026/11/22(روجعفيNationalInstituteon'
                'DrugAbuse.': 1,
                'nida.': 6,
                'gov/research-topics/heroin•NationalInsti'
                'tuteonDrugAbuse.': 1,
                'gov/•publications/research-reports/heroi'
                'nCentersforDiseaseControlandPrevention.': 1,
                'www.': 6,
                'gov/stop-•overdose/caring/fentanyl-facts'
                '.': 1,
                'htmlُالجرعةالزائدةوالنالوكسون)2026/11/22'
                '(روجعفيCentersforDiseaseControlandPreven'
                'tion.': 1,
                'WhattoDoifYouThinkSomeone•isOverdosing.': 1,
                'htmlCentersforDiseaseControlandPreventio'
                'n.': 1,
                'SafetyandEffectivenessof•SyringeServices'
                'Programs.': 1,
                'gov/syringe-services-programs/php/safety'
                '-effectiveness.': 1,
                'htmlWorldHealthOrganization.': 1,
                'Communitymanagementofopioidoverdose•)201'
                '4(.': 1,
                'int/publications/i/item/9789241548816ُأع'
                'راضالانسحاب)2026/11/22(روجعفيNationalIns'
                'tituteonDrugAbuse.': 1,
                'gov/•publications/research-reports/heroi'
                'nNationalInstituteonDrugAbuse.': 1,
                'MedicationstoTreatOpioidUseDisorder•Rese'
                'archReport.': 2,
                'gov/publications/research-reports/medica'
                'tions-totreat-opioid-addictionُأدويةاضطر'
                'ابتعاطيالموادالأفيونية)2026/11/22(روجعفي'
                'NationalInstituteonDrugAbuse.': 1,
                'gov/publications/research-reports/medica'
                'tions-totreat-opioid-addictionُالإرشادوا'
                'لدعم)2026/11/22(روجعفيNationalInstituteo'
                'nDrugAbuse.': 1,
                'PrinciplesofDrugAddictionTreatment:A•Res'
                'earch-BasedGuide.': 1,
                'gov/publications/principles-drug-addicti'
                'ontreatment-research-based-guide-third-e'
                'ditionRecoveryResearchInstitute.': 1,
                'org•ُأينتجدالمساعدة)2026/11/22(روجعفيSub'
                'stanceAbuseandMentalHealthServicesAdmini'
                'stration.': 1,
                'National•Helpline.': 1,
                'gov/find-help/national-helpline9ملاحظاتأ'
                'سئلةللعاملالصحي،وأسماء،وتواريخ:خطتيللأما'
                'نمنالجرعةالزائدةاملأهذهالصفحة.': 1,
                'أينأحتفظبالنالوكسونأينأحصلعلىالمزيدمنالن'
                'الوكسونعلي،حتىلاأتعاطىوحديًأبداشخصيطمئنّ'
                'رقمالطوارئ911:عيادتكختمالعيادةالاسمالعنو'
                'انالهاتفساعاتالعملالزيارةالقادمةالإصدار·'
                '2026.': 1,
                '1آخرمراجعة·2026/11/22:المراجعةالقادمةقبل'
                '2027/11/22هذهالنشرةمتوفرةباللغات:الإنجلي'
                'زيةوالإسبانيةوالصينية(المبسطة)والعربيةوا'
                'لفرنسية': 1,
                'ِSubstanceAbuseand;RecoveryResearchInsti'
                'tute;tion.': 1,
                'MentalHealthServicesAdministrationينتهيم'
                'فعولالنالوكسونخلال30إلى90دقيقة.': 1,
                'كثيرمندوائرالصحةوالبرامجتوزعهWorldHealth'
                'Organiza\xad;DiseaseControlandPreventionجرع'
                'ةزائدة؟': 1,
            },
        ),
        "zh-Hans": (
            {
                '4.': 1,
                'gov/find-help/national-helpline9版本2026.': 1,
                '1•最近审核：2026年11月22日•下次审核：2027年11月22日前本手册有'
                '以下语言版本：英语、西班牙语、中文(简体)、阿拉伯语和法语10记事想问医护人员的'
                '问题、姓名、日期：您的诊所诊所盖章处名称地址电话门诊时间下次就诊': 1,
                '怎么做测试地区这是一般性信息，不是医疗建议。': 1,
                '1•最近审核：2026年11月22日•下次审核：2027年11月22日前用药过量'
                '？请拨打9111.': 1,
                '资料来源：NationalInstituteonDrugAbuse;Center'
                'sfor2.': 1,
                'DiseaseControlandPrevention;WorldHealthO'
                'rganization;RecoveryResearchInstitute;Su'
                'bstance3.': 1,
                '让纳洛酮可能要几分钟才起效。': 1,
                'AbuseandMentalHealthServicesAdministrati'
                'on.': 1,
                '对方侧躺。': 1,
            },
            {
                '用药过量？请拨打9111.': 1,
                '2.': 1,
                '让对方侧躺。': 1,
                'gov/find-help/national-helpline9记事想问医护人员'
                '的问题、姓名、日期：我的用药过量安全计划请填好这一页，和纳洛酮放在一起。': 1,
                '我的纳洛酮放在哪里我可以在哪里拿到更多纳洛酮可以来看看我的人，这样我就不会一个人'
                '用药急救电话：911您的诊所诊所盖章处名称地址电话门诊时间下次就诊版本2026.': 1,
                '1•最近审核：2026年11月22日•下次审核：2027年11月22日前本手册有'
                '以下语言版本：英语、西班牙语、中文(简体)、阿拉伯语和法语': 1,
                '这是一般性信息，不是医疗建议。': 1,
                '1•最近审核：2026年11月22日•下次审核：2027年11月22日前3.': 1,
                '资料来源：NationalInstituteonDrugAbuse;Center'
                'sfor4.': 1,
                'tion;RecoveryResearchInstitute;Substance'
                'Abuseand纳洛酮可能要几分钟才起效。': 1,
                '怎么做测试地区DiseaseControlandPrevention;World'
                'HealthOrganizaMentalHealthServicesAdmini'
                'stration.': 1,
            },
        ),
    },
}
"""Every difference allowed, by reason: per language (sentences printed fewer times,
sentences printed more times), with counts."""


def allowed(lang: str) -> tuple[Counter[str], Counter[str]]:
    """The differences the listed changes allow in ``lang``."""
    removed, added = Counter[str](), Counter[str]()
    for change in CHANGES.values():
        fewer, more = change.get(lang, ({}, {}))
        removed.update(fewer)
        added.update(more)
    return removed, added


def sentences(text: str) -> Counter[str]:
    """The sentences of extracted text, with layout (line breaks, hyphens, spaces) removed."""
    joined = CONTROL.sub("", re.sub("[\u2010\u00ad]\n", "", text))
    return Counter(s for s in re.split(r"(?<=[.!?。؟])", joined) if s)


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar", "zh-Hans"])
def test_every_translated_sentence_survives(lang: str, tmp_path: Path,
                                            run_cli: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--project", str(ROOTS / "single-source"), "--out", str(out), "-r", "us",
                     "-l", lang, "--jobs", "1", *[a for f in FORMATS for a in ("-f", f)])
    assert result.exit_code == 0, result.output
    before = sum((sentences((BEFORE / f"{lang}-{f}.txt").read_text(encoding="utf-8"))
                  for f in FORMATS), Counter[str]())
    after = sum((sentences(pdf_text(out / "us" / lang / f"{f}.pdf")) for f in FORMATS), Counter[str]())
    removed, added = allowed(lang)
    assert before - after == removed
    assert after - before == added
