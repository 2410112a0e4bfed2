package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyProfile;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Table;
import java.util.List;

/** The {@code companies} entity set: the environment's companies in listing order. */
final class CompanyTable implements Table<CompanyProfile> {
    private final List<CompanyProfile> companies;

    CompanyTable(List<CompanyProfile> companies) {
        this.companies = List.copyOf(companies);
    }

    @Override
    public EntityType<CompanyProfile> type() {
        return ApiModel.COMPANY;
    }

    @Override
    public String scope() {
        return "companies";
    }

    @Override
    public long next(long from) {
        return from < companies.size() ? from : -1;
    }

    @Override
    public CompanyProfile record(long position) {
        return companies.get((int) position);
    }
}
