SELECT agency_id, name_vi, name_en, ward_code FROM agencies;
