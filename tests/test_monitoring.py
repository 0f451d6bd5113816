"""Integrationsmonitoring: the seeded indicators, their values and what reads them."""
from coordination import reference_data
from coordination.extensions import db
from coordination.models import District, Indicator, IndicatorValue
from coordination.services import indicator_data


def _indicator(key):
    return db.session.query(Indicator).filter_by(key=key).one()


def test_set_up_seeds_the_eleven_indicators_with_unit_and_source(app):
    series = indicator_data.all_series()
    assert [s.key for s in series] == [entry[0] for entry in reference_data.INDICATORS]
    assert len(series) == 11
    turnout = series[-1]
    assert turnout.name == "Wahlbeteiligung Integrationsrat/-beirat"
    assert turnout.unit == "%" and turnout.source
    assert all(len(key) <= 40 for key, *_ in reference_data.INDICATORS)


def test_latest_year_and_series_by_commune_and_district(app):
    assert indicator_data.latest_value_year() is None
    share = _indicator("foreign_share")
    north = db.session.query(District).filter_by(name="Nordviertel").one()
    db.session.add_all([IndicatorValue(indicator=share, year=2024, value=14.2),
                        IndicatorValue(indicator=share, year=2022, value=12.9),
                        IndicatorValue(indicator=share, year=2025, value=21.0, district=north)])
    db.session.commit()
    assert indicator_data.latest_value_year() == 2025
    series = indicator_data.all_series(("foreign_share",))[0]
    assert [(p.year, p.value) for p in series.commune_points] == [(2022, 12.9), (2024, 14.2)]
    assert series.latest.year == 2024
    assert [(p.district, p.year) for p in series.district_points] == [("Nordviertel", 2025)]
    assert series.years == (2022, 2024, 2025)
