SELECT agency_id, name_vi, name_en FROM agencies;
