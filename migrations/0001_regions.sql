-- regions module: the federal subjects, their time zones and each call centre's settings.

CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  federal_district text NOT NULL,
  timezone text NOT NULL,
  population integer NOT NULL CHECK (population >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Federal defaults for every call centre: opening hours in local time and the service norms.
CREATE TABLE call_centre_defaults (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  hours jsonb NOT NULL,
  norms jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

INSERT INTO call_centre_defaults (hours, norms) VALUES (
  '{"mon":{"open":"09:00","close":"21:00"},"tue":{"open":"09:00","close":"21:00"},"wed":{"open":"09:00","close":"21:00"},"thu":{"open":"09:00","close":"21:00"},"fri":{"open":"09:00","close":"21:00"},"sat":{"open":"09:00","close":"21:00"},"sun":{"open":"09:00","close":"21:00"}}',
  '{"serviceLevelTarget":0.8,"serviceLevelSeconds":60,"maxAbandonRate":0.1,"maxAsaSeconds":45,"shortAbandonSeconds":5}'
);

-- A region's overrides of the defaults; a missing key means "the federal default".
CREATE TABLE region_settings (
  region_code text PRIMARY KEY REFERENCES regions (code),
  hours jsonb NOT NULL DEFAULT '{}',
  norms jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
