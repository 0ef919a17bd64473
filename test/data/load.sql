-- Real tables for tests and benchmarks (citations in README.md). Run psql from this folder: psql -d DB -f load.sql
\set ON_ERROR_STOP on
BEGIN;
-- cardata_titanicsurvival.csv: 1309 rows; Survival of Passengers on the Titanic [r-cran-cardata 3.0-5 (R carData::TitanicSurvival)]
DROP TABLE IF EXISTS cardata_titanicsurvival;
CREATE TABLE cardata_titanicsurvival (
    name text,
    survived text,
    sex text,
    age double precision,
    passenger_class text
);
\copy cardata_titanicsurvival FROM 'cardata_titanicsurvival.csv' WITH (FORMAT csv, HEADER true)

-- ggplot2_diamonds.csv: 53940 rows; Prices of over 50,000 round cut diamonds [r-cran-ggplot2 3.4.1 (R ggplot2::diamonds)]
DROP TABLE IF EXISTS ggplot2_diamonds;
CREATE TABLE ggplot2_diamonds (
    carat double precision,
    cut text,
    color text,
    clarity text,
    depth double precision,
    "table" double precision,
    price integer,
    x double precision,
    y double precision,
    z double precision
);
\copy ggplot2_diamonds FROM 'ggplot2_diamonds.csv' WITH (FORMAT csv, HEADER true)

-- mass_aids2.csv: 2843 rows; Australian AIDS Survival Data [r-cran-mass 7.3-58.2 (R MASS::Aids2)]
DROP TABLE IF EXISTS mass_aids2;
CREATE TABLE mass_aids2 (
    state text,
    sex text,
    diag integer,
    death integer,
    status text,
    t_categ text,
    age integer
);
\copy mass_aids2 FROM 'mass_aids2.csv' WITH (FORMAT csv, HEADER true)

-- mass_birthwt.csv: 189 rows; Risk Factors Associated with Low Infant Birth Weight [r-cran-mass 7.3-58.2 (R MASS::birthwt)]
DROP TABLE IF EXISTS mass_birthwt;
CREATE TABLE mass_birthwt (
    low integer,
    age integer,
    lwt integer,
    race integer,
    smoke integer,
    ptl integer,
    ht integer,
    ui integer,
    ftv integer,
    bwt integer
);
\copy mass_birthwt FROM 'mass_birthwt.csv' WITH (FORMAT csv, HEADER true)

-- r_iris.csv: 150 rows; Edgar Anderson's Iris Data [r-base-core 4.2.2 (R datasets::iris)]
DROP TABLE IF EXISTS r_iris;
CREATE TABLE r_iris (
    sepal_length double precision,
    sepal_width double precision,
    petal_length double precision,
    petal_width double precision,
    species text
);
\copy r_iris FROM 'r_iris.csv' WITH (FORMAT csv, HEADER true)

-- sklearn_breast_cancer.csv: 569 rows; Breast cancer wisconsin (diagnostic) dataset [python3-sklearn 1.2.1+dfsg-1 (sklearn/datasets/data/breast_cancer.csv)]
DROP TABLE IF EXISTS sklearn_breast_cancer;
CREATE TABLE sklearn_breast_cancer (
    mean_radius double precision,
    mean_texture double precision,
    mean_perimeter double precision,
    mean_area double precision,
    mean_smoothness double precision,
    mean_compactness double precision,
    mean_concavity double precision,
    mean_concave_points double precision,
    mean_symmetry double precision,
    mean_fractal_dimension double precision,
    radius_error double precision,
    texture_error double precision,
    perimeter_error double precision,
    area_error double precision,
    smoothness_error double precision,
    compactness_error double precision,
    concavity_error double precision,
    concave_points_error double precision,
    symmetry_error double precision,
    fractal_dimension_error double precision,
    worst_radius double precision,
    worst_texture double precision,
    worst_perimeter double precision,
    worst_area double precision,
    worst_smoothness double precision,
    worst_compactness double precision,
    worst_concavity double precision,
    worst_concave_points double precision,
    worst_symmetry double precision,
    worst_fractal_dimension double precision,
    diagnosis text
);
\copy sklearn_breast_cancer FROM 'sklearn_breast_cancer.csv' WITH (FORMAT csv, HEADER true)

-- survival_pbc.csv: 418 rows; Mayo Clinic Primary Biliary Cholangitis Data [r-cran-survival 3.5-3 (R survival::pbc)]
DROP TABLE IF EXISTS survival_pbc;
CREATE TABLE survival_pbc (
    id integer,
    time integer,
    status integer,
    trt integer,
    age double precision,
    sex text,
    ascites integer,
    hepato integer,
    spiders integer,
    edema double precision,
    bili double precision,
    chol integer,
    albumin double precision,
    copper integer,
    alk_phos double precision,
    ast double precision,
    trig integer,
    platelet integer,
    protime double precision,
    stage integer
);
\copy survival_pbc FROM 'survival_pbc.csv' WITH (FORMAT csv, HEADER true)

-- ggplot2_txhousing.csv: 2244 rows; Housing sales in Texas, 12 cities by month 2000-2015 [r-cran-ggplot2 3.4.1 (R ggplot2::txhousing)]
DROP TABLE IF EXISTS ggplot2_txhousing;
CREATE TABLE ggplot2_txhousing (
    city text,
    month date,
    sales double precision,
    volume double precision,
    median double precision,
    listings double precision
);
\copy ggplot2_txhousing FROM 'ggplot2_txhousing.csv' WITH (FORMAT csv, HEADER true)

-- ts_airpassengers.csv: 144 rows; Monthly Airline Passenger Numbers 1949-1960 [r-base-core 4.2.2 (R datasets::AirPassengers)]
DROP TABLE IF EXISTS ts_airpassengers;
CREATE TABLE ts_airpassengers (
    month date,
    passengers integer
);
\copy ts_airpassengers FROM 'ts_airpassengers.csv' WITH (FORMAT csv, HEADER true)

-- ts_nottem.csv: 240 rows; Average Monthly Temperatures at Nottingham, 1920-1939 [r-base-core 4.2.2 (R datasets::nottem)]
DROP TABLE IF EXISTS ts_nottem;
CREATE TABLE ts_nottem (
    month date,
    temp_f double precision
);
\copy ts_nottem FROM 'ts_nottem.csv' WITH (FORMAT csv, HEADER true)

-- vega_seattle_weather.csv: 1461 rows; Seattle daily weather 2012-2015 [python3-vega-datasets 0.9+dfsg-1 (vega_datasets/_data/seattle-weather.csv)]
DROP TABLE IF EXISTS vega_seattle_weather;
CREATE TABLE vega_seattle_weather (
    date date,
    precipitation double precision,
    temp_max double precision,
    temp_min double precision,
    wind double precision,
    weather text
);
\copy vega_seattle_weather FROM 'vega_seattle_weather.csv' WITH (FORMAT csv, HEADER true)

-- weka_credit_g.csv: 1000 rows; German Credit data (Statlog), Weka relabelled version [weka 3.6.14-3 (/usr/share/doc/weka/examples/credit-g.arff)]
DROP TABLE IF EXISTS weka_credit_g;
CREATE TABLE weka_credit_g (
    checking_status text,
    duration integer,
    credit_history text,
    purpose text,
    credit_amount integer,
    savings_status text,
    employment text,
    installment_commitment integer,
    personal_status text,
    other_parties text,
    residence_since integer,
    property_magnitude text,
    age integer,
    other_payment_plans text,
    housing text,
    existing_credits integer,
    job text,
    num_dependents integer,
    own_telephone text,
    foreign_worker text,
    class text
);
\copy weka_credit_g FROM 'weka_credit_g.csv' WITH (FORMAT csv, HEADER true)

COMMIT;
