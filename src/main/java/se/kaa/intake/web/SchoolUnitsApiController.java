package se.kaa.intake.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import se.kaa.intake.SchoolUnits;

/** {@code /api/v1/school-units}: the register as JSON, and a file of units (docs/imports.md, "Skolenheter"). */
@RestController
@RequestMapping("/api/v1/school-units")
class SchoolUnitsApiController {

    private final SchoolUnits units;
    private final SchoolUnitsController page;

    SchoolUnitsApiController(SchoolUnits units, SchoolUnitsController page) {
        this.units = units;
        this.page = page;
    }

    @GetMapping
    List<SchoolUnits.Unit> list() {
        return units.all();
    }

    /** 200 with what was saved and every refused row; 400/413 problem details when the file as a whole is refused. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SchoolUnitsController.UploadResult upload(@RequestPart("file") MultipartFile file, Authentication user) {
        return page.result(page.read(file, user.getName()));
    }
}
