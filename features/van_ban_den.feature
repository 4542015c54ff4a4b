# language: vi
Tính năng: Vào sổ văn bản đến
  Là văn thư Ủy ban nhân dân xã,
  tôi vào sổ mọi văn bản đến trong một sổ số đến của năm, theo thứ tự nhận được,
  không phân biệt loại văn bản hay cơ quan gửi; một văn bản không được vào sổ hai lần,
  và thời hạn giải quyết phải được giữ để lãnh đạo theo dõi, đôn đốc.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và các cơ quan gửi văn bản đến:
      | mã    | tên                                          |
      | SKHCN | Sở Khoa học và Công nghệ thành phố Hải Phòng |
      | SNV   | Sở Nội vụ thành phố Hải Phòng                |
      | TU    | Thành ủy Hải Phòng                           |

  Kịch bản: Số đến cấp liên tiếp theo thứ tự nhận, chung cho mọi loại và mọi cơ quan gửi
    Khi văn thư vào sổ các văn bản đến:
      | số, ký hiệu    | cơ quan gửi | ngày văn bản | ngày đến   | trích yếu                                                    |
      | 516/SKHCN-TTTT | SKHCN       | 12/11/2025   | 13/11/2025 | Báo cáo kết quả triển khai phong trào "Bình dân học vụ số"   |
      | 45/KH-SNV      | SNV         | 10/11/2025   | 13/11/2025 | Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2025         |
      | 05-CT/TU       | TU          | 11/11/2025   | 14/11/2025 | Chỉ thị về tăng cường chuyển đổi số trong hệ thống chính trị |
      | 520/SKHCN-TTTT | SKHCN       | 14/11/2025   | 17/11/2025 | Hướng dẫn phổ cập bộ nhận diện Ngày Chuyển đổi số quốc gia   |
    Thì các văn bản đến được cấp số đến:
      | số, ký hiệu    | cơ quan gửi                                  | loại     | số đến | ngày đến   | trạng thái |
      | 516/SKHCN-TTTT | Sở Khoa học và Công nghệ thành phố Hải Phòng | công văn | 1      | 13/11/2025 | Đã vào sổ  |
      | 45/KH-SNV      | Sở Nội vụ thành phố Hải Phòng                | kế hoạch | 2      | 13/11/2025 | Đã vào sổ  |
      | 05-CT/TU       | Thành ủy Hải Phòng                           | chỉ thị  | 3      | 14/11/2025 | Đã vào sổ  |
      | 520/SKHCN-TTTT | Sở Khoa học và Công nghệ thành phố Hải Phòng | công văn | 4      | 17/11/2025 | Đã vào sổ  |
    Và sổ văn bản đến năm 2025 đã cấp đến số 4 ngày 17/11/2025

  Kịch bản: Số đến không dùng chung với số của văn bản đi
    Cho văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Khi văn thư vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số"
    Thì văn bản đến "516/SKHCN-TTTT" có số đến 1
    Và sổ kế hoạch năm 2025 đã cấp đến số 1 ngày 29/9/2025

  Kịch bản: Sang năm mới, số đến bắt đầu lại từ 1
    Khi văn thư vào sổ các văn bản đến:
      | số, ký hiệu    | cơ quan gửi | ngày văn bản | ngày đến   | trích yếu                                      |
      | 610/SKHCN-TTTT | SKHCN       | 29/12/2025   | 31/12/2025 | Tổng kết công tác chuyển đổi số năm 2025       |
      | 01/KH-SNV      | SNV         | 31/12/2025   | 02/01/2026 | Kế hoạch công tác văn thư, lưu trữ năm 2026    |
      | 02/KH-SNV      | SNV         | 02/01/2026   | 05/01/2026 | Kế hoạch đào tạo, bồi dưỡng công chức năm 2026 |
    Thì các văn bản đến được cấp số đến:
      | số, ký hiệu    | số đến | ngày đến   |
      | 610/SKHCN-TTTT | 1      | 31/12/2025 |
      | 01/KH-SNV      | 1      | 02/01/2026 |
      | 02/KH-SNV      | 2      | 05/01/2026 |
    Và sổ văn bản đến năm 2025 đã cấp đến số 1 ngày 31/12/2025
    Và sổ văn bản đến năm 2026 đã cấp đến số 2 ngày 5/1/2026

  Kịch bản: Văn bản đến có ngày đến sớm hơn văn bản đã vào sổ thì không cấp số đến
    Cho văn thư đã vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 14/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số"
    Khi văn thư vào sổ văn bản đến "45/KH-SNV" của "SNV" ngày 10/11/2025, đến ngày 13/11/2025, trích yếu "Kế hoạch kiểm tra công tác văn thư, lưu trữ"
    Thì thao tác bị từ chối vì sai thứ tự ngày, mã lỗi 1
    Và thông báo lỗi có "số đến 2 ngày 13/11/2025"
    Và thông báo lỗi có "đã cấp số 1 ngày 14/11/2025"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Cùng một văn bản của cùng cơ quan gửi không được vào sổ hai lần
    Cho văn thư đã vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số"
    Khi văn thư vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 14/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số (bản điện tử)"
    Thì thao tác bị từ chối vì trùng văn bản đã vào sổ, mã lỗi 1
    Và thông báo lỗi có "516/SKHCN-TTTT"
    Và thông báo lỗi có "Sở Khoa học và Công nghệ thành phố Hải Phòng"
    Và thông báo lỗi có "đã vào sổ với số đến 1 ngày 13/11/2025"
    Và dữ liệu trong sổ không thay đổi
    Và sổ văn bản đến năm 2025 đã cấp đến số 1 ngày 13/11/2025

  Kịch bản: Cùng số, ký hiệu nhưng của hai cơ quan khác nhau thì là hai văn bản
    Cho các cơ quan gửi văn bản đến:
      | mã   | tên                          |
      | UBND | Ủy ban nhân dân xã An Hưng   |
      | UBND | Ủy ban nhân dân xã Tiên Lãng |
    Khi văn thư vào sổ các văn bản đến:
      | số, ký hiệu | cơ quan gửi                  | ngày văn bản | ngày đến   | trích yếu                          |
      | 15/KH-UBND  | Ủy ban nhân dân xã An Hưng   | 10/11/2025   | 12/11/2025 | Phối hợp tổ chức giải chạy việt dã |
      | 15/KH-UBND  | Ủy ban nhân dân xã Tiên Lãng | 11/11/2025   | 13/11/2025 | Phối hợp bảo vệ hành lang đê điều  |
    Thì các văn bản đến được cấp số đến:
      | số, ký hiệu | cơ quan gửi                  | số đến |
      | 15/KH-UBND  | Ủy ban nhân dân xã An Hưng   | 1      |
      | 15/KH-UBND  | Ủy ban nhân dân xã Tiên Lãng | 2      |

  Kịch bản: Cơ quan gửi chưa có trong danh mục thì phải thêm trước
    Khi văn thư vào sổ văn bản đến "120/SYT-NVY" của "SYT" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Tiêm chủng mở rộng đợt 4"
    Thì thao tác bị từ chối vì không tìm thấy, mã lỗi 2
    Và thông báo lỗi có "Không có cơ quan «SYT»"
    Và thông báo lỗi có "vanban org add SYT"
    Và dữ liệu trong sổ không thay đổi
    Khi văn thư thêm cơ quan "SYT" là "Sở Y tế thành phố Hải Phòng"
    Và văn thư vào sổ văn bản đến "120/SYT-NVY" của "SYT" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Tiêm chủng mở rộng đợt 4"
    Thì văn bản đến "120/SYT-NVY" có số đến 1

  Kịch bản: Thời hạn giải quyết được giữ và lãnh đạo theo dõi được
    Khi văn thư vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số", thời hạn giải quyết 25/11/2025
    Thì văn bản đến "516/SKHCN-TTTT" có thời hạn giải quyết 25/11/2025
    Khi văn thư phân công văn bản "516/SKHCN-TTTT" cho "VHXH" chủ trì
    Và lãnh đạo xem tình hình ngày 20/11/2025
    Thì danh sách việc đang mở là:
      | văn bản        | trạng thái               | thời hạn   | chủ trì | quá hạn |
      | 516/SKHCN-TTTT | Đã phân công, đang xử lý | 25/11/2025 | VHXH    | 0       |
    Khi lãnh đạo xem các việc quá hạn tính đến ngày 27/11/2025
    Thì danh sách việc quá hạn là:
      | văn bản        | thời hạn   | quá hạn |
      | 516/SKHCN-TTTT | 25/11/2025 | 2       |

  Kịch bản: Chỉ văn thư được vào sổ văn bản đến
    Khi chuyên viên vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số"
    Thì thao tác bị từ chối vì không có quyền, mã lỗi 1
    Và thông báo lỗi có "không được vào sổ văn bản đến"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Cơ quan gửi chưa có thì thêm ngay khi vào sổ, lần sau gõ không dấu cũng tìm được
    Khi văn thư vào sổ văn bản đến "120/SYT-NVY" của cơ quan mới "Sở Y tế thành phố Hải Phòng" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Tiêm chủng mở rộng đợt 4"
    Thì văn bản đến "120/SYT-NVY" có số đến 1
    Và danh mục cơ quan có "SYT" là "Sở Y tế thành phố Hải Phòng"
    Khi văn thư vào sổ văn bản đến "121/SYT-NVY" của "so y te" ngày 13/11/2025, đến ngày 14/11/2025, trích yếu "Phòng chống sốt xuất huyết"
    Thì văn bản đến "121/SYT-NVY" có số đến 2

  Kịch bản: Gõ phần đầu tên khớp nhiều cơ quan thì bị từ chối, kèm danh sách để chọn
    Cho các cơ quan gửi văn bản đến:
      | mã  | tên                         |
      | SYT | Sở Y tế thành phố Hải Phòng |
    Khi văn thư vào sổ văn bản đến "122/SYT-NVY" của "so" ngày 13/11/2025, đến ngày 14/11/2025, trích yếu "Phòng chống sốt xuất huyết"
    Thì thao tác bị từ chối vì không rõ cơ quan nào, mã lỗi 2
    Và thông báo lỗi có "SYT — Sở Y tế thành phố Hải Phòng"
    Và thông báo lỗi có "SKHCN — Sở Khoa học và Công nghệ thành phố Hải Phòng"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Lãnh đạo xem sổ như đã có vào cuối một ngày đã qua
    Cho hôm nay là ngày 13/11/2025
    Khi văn thư vào sổ văn bản đến "516/SKHCN-TTTT" của "SKHCN" ngày 12/11/2025, đến ngày 13/11/2025, trích yếu "Báo cáo kết quả phong trào Bình dân học vụ số", thời hạn giải quyết 25/11/2025
    Và hôm nay là ngày 17/11/2025
    Và văn thư phân công văn bản "516/SKHCN-TTTT" cho "VHXH" chủ trì
    Và hôm nay là ngày 01/12/2025
    Và lãnh đạo xem sổ như đã có cuối ngày 12/11/2025
    Thì danh sách việc đang mở là:
      | văn bản | trạng thái | thời hạn | chủ trì | quá hạn |
    Khi lãnh đạo xem sổ như đã có cuối ngày 16/11/2025
    Thì danh sách việc đang mở là:
      | văn bản        | trạng thái | thời hạn   | chủ trì | quá hạn |
      | 516/SKHCN-TTTT | Đã vào sổ  | 25/11/2025 |         | 0       |
    Khi lãnh đạo xem sổ như đã có cuối ngày 26/11/2025
    Thì danh sách việc đang mở là:
      | văn bản        | trạng thái               | thời hạn   | chủ trì | quá hạn |
      | 516/SKHCN-TTTT | Đã phân công, đang xử lý | 25/11/2025 | VHXH    | 1       |
